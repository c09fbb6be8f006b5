package dev.madang.domain.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The ticketing rules must stay testable without AWS, Quarkus or a container: docs/architecture.md §1. */
@AnalyzeClasses(packages = "dev.madang.domain", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainIsPlainJavaTest {

    @ArchTest
    static final ArchRule no_framework_or_sdk = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("software.amazon..", "com.amazonaws..", "io.quarkus..", "jakarta..", "javax.ws..",
                    "io.smallrye..", "org.eclipse.microprofile..", "com.fasterxml..", "dev.madang.aws..",
                    "dev.madang.api..", "dev.madang.workers..", "dev.madang.localstack..", "dev.madang.local..");
}

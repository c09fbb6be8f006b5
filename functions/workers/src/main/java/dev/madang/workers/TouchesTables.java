package dev.madang.workers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The DynamoDB tables a worker handler's use cases read or write, by their logical ids in {@code template.yaml}.
 * Every handler runs from one jar whose {@code application.properties} names every table, so the properties cannot
 * say what one function needs; this can. {@code TemplateMatchesCodeTest} gives each worker function exactly the
 * policies of its handler's tables (least privilege, docs/operations.md): declare a table here in the commit whose
 * wiring first reaches it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TouchesTables {

    /** Logical ids of the tables in {@code template.yaml}, e.g. {@code "SeatsTable"}. */
    String[] value();
}

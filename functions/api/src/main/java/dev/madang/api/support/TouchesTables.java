package dev.madang.api.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The DynamoDB tables a resource class reads or writes, by their logical ids in {@code template.yaml}
 * ({@code "CatalogTable"}). The template test checks that every function serving the class's routes has a policy
 * for each of them, and no policy for a table none of its resources declares: add a table here when a resource
 * starts using it, or the template and the code drift apart unnoticed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TouchesTables {

    /** Logical ids of the tables in {@code template.yaml}. */
    String[] value();
}

package dev.madang.api.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The DynamoDB tables a resource method reads or writes, by their logical ids in {@code template.yaml}
 * ({@code "CatalogTable"}); on a class it covers every method that does not say otherwise. The template test checks
 * that the function serving each route has a policy for each of them, and no policy for a table its routes do not
 * declare: add a table here when a route starts using it, or the template and the code drift apart unnoticed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface TouchesTables {

    /** Logical ids of the tables in {@code template.yaml}. */
    String[] value();
}

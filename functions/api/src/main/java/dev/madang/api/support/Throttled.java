package dev.madang.api.support;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A route whose requests spend the caller's request budgets (per account, per address, per round in the path) before
 * anything else runs: the opening rush's write routes. See {@link RequestLimits}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Throttled {
}

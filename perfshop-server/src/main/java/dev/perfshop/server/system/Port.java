package dev.perfshop.server.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type that other features may use: a feature's named port (a service, a record it hands
 * out, a hook the shop calls). Everything else in a feature package is its own business; {@code
 * ModularityTests} fails when a feature reaches into another one past its ports. {@code system} is
 * shared by all and needs no mark.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Port {}

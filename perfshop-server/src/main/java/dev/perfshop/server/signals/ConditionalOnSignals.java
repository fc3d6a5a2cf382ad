package dev.perfshop.server.signals;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * The signals' collectors and endpoints exist unless {@code perfshop.signals.enabled=false}: the
 * switch {@code bench/signals/run} uses to measure what they cost a server nobody watches.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnBooleanProperty(name = "perfshop.signals.enabled", matchIfMissing = true)
@interface ConditionalOnSignals {}

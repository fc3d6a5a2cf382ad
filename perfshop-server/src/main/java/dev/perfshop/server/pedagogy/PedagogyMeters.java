package dev.perfshop.server.pedagogy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Meters of class sessions. The {@code session} tag carries the session id: its cardinality is
 * bounded because at most {@code perfshop.pedagogy.max-active-sessions} sessions are live at once
 * and the meters of a session are removed when it is archived. Students and enigmas are never tags
 * (unbounded); their detail is in the progress API.
 */
@Component
class PedagogyMeters {

  static final String SOLVES = "perfshop.pedagogy.solves";
  static final String HINTS = "perfshop.pedagogy.hints";
  static final String ATTEMPTS = "perfshop.pedagogy.attempts";

  private final MeterRegistry registry;

  PedagogyMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void attempt(long sessionId, boolean correct) {
    Counter.builder(ATTEMPTS)
        .description("Answers submitted by students")
        .tag("session", Long.toString(sessionId))
        .tag("outcome", correct ? "correct" : "wrong")
        .register(registry)
        .increment();
  }

  void solve(long sessionId) {
    Counter.builder(SOLVES)
        .description("Enigmas solved (each student and enigma once)")
        .tag("session", Long.toString(sessionId))
        .register(registry)
        .increment();
  }

  void hint(long sessionId) {
    Counter.builder(HINTS)
        .description("Hints taken by students (each costs a star unless released)")
        .tag("session", Long.toString(sessionId))
        .register(registry)
        .increment();
  }

  void forget(long sessionId) {
    for (String name : new String[] {SOLVES, HINTS, ATTEMPTS}) {
      registry
          .find(name)
          .tag("session", Long.toString(sessionId))
          .meters()
          .forEach(registry::remove);
    }
  }
}

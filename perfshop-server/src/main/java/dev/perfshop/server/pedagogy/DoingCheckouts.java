package dev.perfshop.server.pedagogy;

import dev.perfshop.server.chaos.ChaosEngine;
import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.pedagogy.Rows.EnigmaRow;
import dev.perfshop.server.pedagogy.Rows.ProgressRow;
import dev.perfshop.server.pedagogy.Rows.SessionRow;
import dev.perfshop.server.pedagogy.Rows.StudentRow;
import dev.perfshop.server.system.policy.PolicyContext;
import dev.perfshop.server.system.policy.PolicyPlan;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Doing enigmas ({@code done}): counts the checkouts a student's own script completes through the
 * token anomalies of the enigma, and solves the enigma at the required count.
 *
 * <p>A checkout counts for an open, unsolved {@code done} enigma of the student's session when it
 * placed a new order (201, not an idempotent replay), carried a genuine agent code in {@value
 * #HEADER}, and every token anomaly of the enigma that is live acted on it — with at least one
 * live. The request went through those checks, so its script carried the tokens: a script that
 * ignores them is refused before the order and earns nothing; an order placed while the anomaly is
 * off passes no check and earns nothing either. Each order counts once per enigma.
 */
@Service
public class DoingCheckouts {

  /** The request header a student's script tags its checkouts with. */
  public static final String HEADER = StudentController.HEADER;

  /** The header the web pages mark their own requests with ({@code web}); never counted. */
  public static final String WEB_CLIENT_HEADER = "X-Perfshop-Client";

  static final int MAX_CHECKOUTS = 100;

  /** The scripting anomalies that check a token (or id) on a checkout. */
  static final Set<String> TOKEN_CHECKS =
      Set.of(
          "csrf-token",
          "session-token",
          "step-token",
          "action-token",
          "body-signature",
          "request-id");

  private final PedagogyRepository repository;
  private final ProgressRepository progressStore;
  private final CheckoutTally tally;
  private final AgentCodes agentCodes;
  private final ChaosEngine chaos;
  private final PedagogyMeters meters;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  DoingCheckouts(
      PedagogyRepository repository,
      ProgressRepository progressStore,
      CheckoutTally tally,
      AgentCodes agentCodes,
      ChaosEngine chaos,
      PedagogyMeters meters,
      ApplicationEventPublisher events,
      Clock clock) {
    this.repository = repository;
    this.progressStore = progressStore;
    this.tally = tally;
    this.agentCodes = agentCodes;
    this.chaos = chaos;
    this.meters = meters;
    this.events = events;
    this.clock = clock;
  }

  /**
   * A new order was placed by the current request, tagged with this agent code: counts it for the
   * student's doing enigmas whose token checks it passed. Called on the request's thread, while its
   * chaos hits are still bound. Returns how many enigmas counted it.
   */
  @Transactional
  public int placed(String agentCode, long orderId) {
    Optional<StudentRow> found =
        agentCodes.verify(agentCode).flatMap(repository::studentByPublicId);
    if (found.isEmpty()) {
      return 0;
    }
    StudentRow student = found.get();
    SessionRow session = repository.session(student.sessionId()).orElse(null);
    if (session == null || !session.studentPageOpen() || session.archived()) {
      return 0;
    }
    Instant now = clock.instant();
    PolicyPlan plan = chaos.plan();
    int counted = 0;
    for (EnigmaRow e : repository.enigmas(session.id())) {
      if (!e.open() || !e.answer().type().equals("done") || !passed(e.anomalies(), plan, now)) {
        continue;
      }
      ProgressRow p = progressStore.lockProgress(student.id(), e.id(), now);
      if (p.solved() || !tally.count(e.id(), student.id(), orderId, now)) {
        continue;
      }
      counted++;
      if (tally.count(e.id(), student.id()) >= (int) Math.round(e.answer().value())) {
        solve(session, student, e, p, now);
      }
    }
    return counted;
  }

  /** Every live token check of the enigma acted on this request, and at least one is live. */
  static boolean passed(List<String> anomalies, PolicyPlan plan, Instant now) {
    boolean any = false;
    for (String id : anomalies) {
      if (!TOKEN_CHECKS.contains(id)) {
        continue;
      }
      Optional<ChaosType> type = ChaosType.byId(id);
      if (type.isEmpty() || plan.live(type.get(), now) == null) {
        continue;
      }
      if (PolicyContext.hit(type.get()) == null) {
        return false;
      }
      any = true;
    }
    return any;
  }

  private void solve(
      SessionRow session, StudentRow student, EnigmaRow e, ProgressRow p, Instant now) {
    int stars =
        Stars.earned(
            e.maxStars(),
            p.hintsTaken(),
            e.hintsReleased(),
            p.wrongAnswers(),
            Stars.wrongPerStar(e.answer().type()));
    if (progressStore.recordSolve(p.id(), stars, now)) {
      meters.attempt(session.id(), true);
      meters.solve(session.id());
      events.publishEvent(
          new ProgressEvent(
              session.id(), "solve", student.id(), student.nickname(), e.key(), true, stars, now));
    }
  }
}

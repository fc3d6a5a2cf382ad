package dev.perfshop.server.pedagogy;

import dev.perfshop.server.chaos.ChaosEngine;
import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.pedagogy.Rows.EnigmaRow;
import dev.perfshop.server.pedagogy.Rows.ProgressRow;
import dev.perfshop.server.pedagogy.Rows.SessionRow;
import dev.perfshop.server.pedagogy.Rows.StudentRow;
import dev.perfshop.server.pedagogy.Views.AnswerResult;
import dev.perfshop.server.pedagogy.Views.Hint;
import dev.perfshop.server.pedagogy.Views.Joined;
import dev.perfshop.server.pedagogy.Views.Me;
import dev.perfshop.server.pedagogy.Views.Rank;
import dev.perfshop.server.pedagogy.Views.SessionBrief;
import dev.perfshop.server.pedagogy.Views.StudentEnigma;
import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What students do: join, see their enigmas, answer, take hints. Every call but {@code join}
 * carries the agent code; a forged, altered or revoked code is a 401 problem, and a closed student
 * page a 403 problem. Answers are checked only here, on the server.
 */
@Service
public class StudentService {

  static final int MAX_STUDENTS_PER_SESSION = 500;

  /** An authenticated student and their session. */
  record Agent(StudentRow student, SessionRow session) {}

  private final PedagogyRepository repository;
  private final AgentCodes agentCodes;
  private final AnswerChecks checks;
  private final AnswerRateLimiter limiter;
  private final PedagogyMeters meters;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final ChaosEngine chaos;
  private final Measurements measurements;
  private final CheckoutTally tally;

  StudentService(
      PedagogyRepository repository,
      AgentCodes agentCodes,
      AnswerChecks checks,
      AnswerRateLimiter limiter,
      PedagogyMeters meters,
      ApplicationEventPublisher events,
      Clock clock,
      ChaosEngine chaos,
      Measurements measurements,
      CheckoutTally tally) {
    this.tally = tally;
    this.chaos = chaos;
    this.measurements = measurements;
    this.repository = repository;
    this.agentCodes = agentCodes;
    this.checks = checks;
    this.limiter = limiter;
    this.meters = meters;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public Joined join(String joinCode, String nickname, String client) {
    limiter
        .joinBlocked(client)
        .ifPresent(
            wait -> {
              throw tooMany("too many failed joins", wait);
            });
    String code =
        Codes.normaliseJoinCode(joinCode)
            .orElseThrow(
                () ->
                    new ApiException(
                        ProblemType.VALIDATION,
                        "code must be the "
                            + Codes.JOIN_LENGTH
                            + "-character join code shown by the instructor"));
    String clean = ClassSessions.validNickname(nickname);
    SessionRow session = repository.sessionByJoinCode(code).orElse(null);
    if (session == null) {
      // counted per client address, so join codes cannot be enumerated
      limiter.failedJoin(client);
      throw new ApiException(ProblemType.NOT_FOUND, "no session has the join code " + code);
    }
    requirePageOpen(session);
    if (repository.studentCount(session.id()) >= MAX_STUDENTS_PER_SESSION) {
      throw new ApiException(ProblemType.CONFLICT, "this session is full");
    }
    if (repository.nicknameTaken(session.id(), clean)) {
      throw nicknameTaken(clean);
    }
    AgentCodes.Issued issued = agentCodes.issue();
    long id;
    try {
      id = repository.insertStudent(session.id(), issued.publicId(), clean, clock.instant());
    } catch (DuplicateKeyException e) {
      throw nicknameTaken(clean);
    }
    events.publishEvent(
        new ProgressEvent(session.id(), "join", id, clean, null, null, null, clock.instant()));
    return new Joined(issued.code(), clean, brief(session));
  }

  /** The student behind an agent code, on an open student page. */
  @Transactional
  public Agent authenticate(String agentCode) {
    return authenticate(agentCode, true);
  }

  /**
   * The student behind an agent code whose session may be closed (not archived): what a student may
   * still read once the class is over (their final state and the scoreboard).
   */
  @Transactional
  public Agent authenticateToRead(String agentCode) {
    return authenticate(agentCode, false);
  }

  private Agent authenticate(String agentCode, boolean pageMustBeOpen) {
    if (agentCode == null || agentCode.isBlank()) {
      throw new ApiException(
          ProblemType.UNAUTHENTICATED,
          "send your agent code in the X-Agent-Code header (or join a session first)");
    }
    StudentRow student =
        agentCodes
            .verify(agentCode)
            .flatMap(repository::studentByPublicId)
            .orElseThrow(
                () ->
                    new ApiException(ProblemType.UNAUTHENTICATED, "this agent code is not valid"));
    SessionRow session = repository.session(student.sessionId()).orElseThrow();
    if (pageMustBeOpen || session.archived()) {
      requirePageOpen(session);
    }
    repository.touchStudent(student.id(), clock.instant());
    return new Agent(student, session);
  }

  @Transactional(readOnly = true)
  public Me me(Agent agent) {
    List<ProgressRow> mine = repository.progressOfStudent(agent.student().id());
    List<EnigmaRow> enigmas = repository.enigmas(agent.session().id());
    SessionRow session = agent.session();
    List<Rank> board = leaderboard(agent);
    Integer rank =
        board.stream()
            .filter(r -> r.nickname().equals(agent.student().nickname()))
            .map(Rank::rank)
            .findFirst()
            .orElse(null);
    return new Me(
        agent.student().nickname(),
        brief(session),
        ClassSessions.stars(mine),
        (int) mine.stream().filter(ProgressRow::solved).count(),
        (int) enigmas.stream().filter(e -> visible(e, null)).count(),
        enigmas.stream().filter(e -> e.open()).mapToInt(EnigmaRow::maxStars).sum(),
        session.studentPageOpen() ? "open" : "closed",
        rank,
        board.size(),
        session.message(),
        session.messageAt(),
        session.frozenAt() != null);
  }

  /** Open enigmas, and the ones the student solved even when closed since. */
  @Transactional(readOnly = true)
  public List<StudentEnigma> enigmas(Agent agent) {
    Map<Long, ProgressRow> mine =
        repository.progressOfStudent(agent.student().id()).stream()
            .collect(Collectors.toMap(ProgressRow::enigmaId, Function.identity()));
    Map<Long, Integer> counted = tally.countsOf(agent.student().id());
    return repository.enigmas(agent.session().id()).stream()
        .filter(e -> visible(e, mine.get(e.id())))
        .map(e -> view(e, mine.get(e.id()), anomalyLive(e), counted.getOrDefault(e.id(), 0)))
        .toList();
  }

  @Transactional
  public AnswerResult answer(Agent agent, String key, AnswerChecks.Submission submission) {
    EnigmaRow e = visibleEnigma(agent, key);
    ProgressRow p = repository.lockProgress(agent.student().id(), e.id(), clock.instant());
    if (p.solved()) {
      // solved once: a later answer changes nothing and costs nothing
      return new AnswerResult(
          true, true, true, p.stars(), p.stars(), p.wrongAnswers(), null, "already solved");
    }
    if (!e.answer().ready()) {
      throw new ApiException(
          ProblemType.CONFLICT,
          "enigma " + key + " is not ready yet: its scenario has not started");
    }
    if (e.answer().type().equals("done")) {
      // solved by doing: nothing typed is checked, and this costs nothing
      throw new ApiException(
          ProblemType.CONFLICT,
          "enigma "
              + key
              + " is solved by doing: complete its checkouts with your script, sending your agent"
              + " code in the "
              + DoingCheckouts.HEADER
              + " header; this answer was not checked",
          Map.of("reason", "solved-by-doing"));
    }
    requireAnomalyLive(e);
    AnswerChecks.Verdict verdict =
        e.answer().type().equals("measured")
            ? checks.checkMeasured(
                agent.session().id(), e.key(), e.answer(), submission.answer(), measured(e))
            : checks.check(agent.session().id(), e.key(), e.answer(), submission);
    Optional<Duration> wait = limiter.acquire(agent.student().id(), e.id());
    if (wait.isPresent()) {
      throw tooMany("too many answers", wait.get());
    }
    long sessionId = agent.session().id();
    meters.attempt(sessionId, verdict.correct());
    if (verdict.correct()) {
      int stars =
          Stars.earned(e.maxStars(), p.hintsTaken(), e.hintsReleased(), p.wrongAnswers(), per(e));
      if (repository.recordSolve(p.id(), stars, clock.instant())) {
        meters.solve(sessionId);
        events.publishEvent(
            new ProgressEvent(
                sessionId,
                "solve",
                agent.student().id(),
                agent.student().nickname(),
                key,
                true,
                stars,
                clock.instant()));
      }
      return new AnswerResult(true, true, false, stars, stars, p.wrongAnswers(), null, "solved");
    }
    // the same wrong answer sent twice (a double click, a resend) costs once
    boolean repeat = verdict.fingerprint().equals(p.lastWrong());
    int wrong = p.wrongAnswers() + (repeat ? 0 : 1);
    repository.recordWrong(p.id(), !repeat, verdict.fingerprint(), clock.instant());
    events.publishEvent(
        new ProgressEvent(
            sessionId,
            "attempt",
            agent.student().id(),
            agent.student().nickname(),
            key,
            false,
            null,
            clock.instant()));
    int available = Stars.earned(e.maxStars(), p.hintsTaken(), e.hintsReleased(), wrong, per(e));
    int tries = Stars.triesBeforeStarLost(wrong, per(e));
    return new AnswerResult(
        false,
        false,
        false,
        null,
        available,
        wrong,
        available == 0 ? null : tries,
        (repeat ? "same wrong answer as before" : "not right")
            + " — "
            + feedback(available, tries, per(e)));
  }

  /** Shows the student the next hint; beyond the released ones each costs a star. */
  @Transactional
  public Hint takeHint(Agent agent, String key) {
    EnigmaRow e = visibleEnigma(agent, key);
    ProgressRow p = repository.lockProgress(agent.student().id(), e.id(), clock.instant());
    int seen = Math.max(p.hintsTaken(), e.hintsReleased());
    if (seen >= e.hints().size()) {
      throw new ApiException(ProblemType.CONFLICT, "enigma " + key + " has no more hints");
    }
    int taken = seen + 1;
    repository.setHintsTaken(p.id(), taken, clock.instant());
    if (!p.solved()) {
      meters.hint(agent.session().id());
    }
    events.publishEvent(
        new ProgressEvent(
            agent.session().id(),
            "hint",
            agent.student().id(),
            agent.student().nickname(),
            key,
            null,
            null,
            clock.instant()));
    int available =
        p.solved()
            ? p.stars()
            : Stars.earned(e.maxStars(), taken, e.hintsReleased(), p.wrongAnswers(), per(e));
    return new Hint(taken, e.hints().get(taken - 1), taken, available);
  }

  /** The scoreboard students see: frozen at the session's freeze instant, if any. */
  @Transactional(readOnly = true)
  public List<Rank> leaderboard(Agent agent) {
    long sessionId = agent.session().id();
    return ClassSessions.leaderboard(
        repository.students(sessionId),
        ClassSessions.asOf(
            repository.progressOfSession(sessionId).stream()
                .collect(Collectors.groupingBy(ProgressRow::studentId)),
            agent.session().frozenAt()));
  }

  /**
   * An enigma is a diagnosis of a running anomaly: while none of its anomalies is live (a library
   * loaded before the instructor enabled the chaos, a scenario not started yet or over), an answer
   * is refused with a 409 and costs nothing.
   */
  private void requireAnomalyLive(EnigmaRow e) {
    if (!anomalyLive(e)) {
      throw new ApiException(
          ProblemType.CONFLICT,
          "enigma "
              + e.key()
              + " is about an anomaly that is not running ("
              + String.join(" or ", e.anomalies())
              + "): wait until your instructor starts it; this answer was not checked",
          Map.of("reason", "anomaly-off", "anomalies", e.anomalies()));
    }
  }

  /** The server's measurement behind a measured answer (409 while the route has no traffic). */
  private double measured(EnigmaRow e) {
    String measure = e.answer().measure();
    return measurements
        .measure(measure, e.anomalies(), Long.toString(e.sessionId()))
        .orElseThrow(
            () ->
                new ApiException(
                    ProblemType.CONFLICT,
                    "no request of "
                        + measure.substring(measure.indexOf(' ') + 1)
                        + " was measured yet; this answer was not checked",
                    Map.of("reason", "not-measured")));
  }

  private boolean anomalyLive(EnigmaRow e) {
    if (e.anomalies().isEmpty()) {
      return true;
    }
    var now = clock.instant();
    var plan = chaos.plan();
    return e.anomalies().stream()
        .map(ChaosType::byId)
        .flatMap(Optional::stream)
        // the session's own activation (a scenario run for this class), or an unscoped one
        .anyMatch(t -> plan.liveFor(t, now, Long.toString(e.sessionId())) != null);
  }

  private EnigmaRow visibleEnigma(Agent agent, String key) {
    EnigmaRow e =
        repository
            .enigma(agent.session().id(), key)
            .orElseThrow(() -> ApiException.notFound("enigma", key));
    if (!e.open()) {
      boolean solved =
          repository.progressOfStudent(agent.student().id()).stream()
              .anyMatch(p -> p.enigmaId() == e.id() && p.solved());
      if (!solved) {
        throw ApiException.notFound("enigma", key);
      }
    }
    return e;
  }

  private static boolean visible(EnigmaRow e, ProgressRow p) {
    return e.open() || (p != null && p.solved());
  }

  private static StudentEnigma view(EnigmaRow e, ProgressRow p, boolean live, int counted) {
    int taken = p == null ? 0 : p.hintsTaken();
    int wrong = p == null ? 0 : p.wrongAnswers();
    boolean solved = p != null && p.solved();
    int seen = Math.min(e.hints().size(), Math.max(taken, e.hintsReleased()));
    AnswerChecks.Stored a = e.answer();
    return new StudentEnigma(
        e.key(),
        e.question(),
        a.type(),
        a.type().equals("choice") ? a.options() : null,
        a.type().equals("choice") ? a.multiple() : null,
        a.unit(),
        e.maxStars(),
        solved ? p.stars() : Stars.earned(e.maxStars(), taken, e.hintsReleased(), wrong, per(e)),
        e.hints().subList(0, seen),
        e.hints().size(),
        taken,
        e.hintsReleased(),
        wrong,
        solved,
        solved ? p.stars() : null,
        e.open(),
        a.ready(),
        live,
        solved ? null : Stars.triesBeforeStarLost(wrong, per(e)),
        a.type().equals("done") ? counted : null,
        a.type().equals("done") ? (int) Math.round(a.value()) : null);
  }

  private static int per(EnigmaRow e) {
    return Stars.wrongPerStar(e.answer().type());
  }

  /** What the next wrong answer costs, in words. */
  static String feedback(int available, int tries, int perStar) {
    if (available == 0) {
      return "no star left to lose; a right answer still counts as solved";
    }
    if (perStar == 1) {
      return "each wrong choice costs a star (" + available + " still available)";
    }
    return tries == 1
        ? "the next wrong answer costs a star (" + available + " still available)"
        : tries + " more wrong answers before a star is lost (" + available + " still available)";
  }

  private static void requirePageOpen(SessionRow session) {
    if (!session.studentPageOpen() || session.archived()) {
      throw new ApiException(
          ProblemType.FORBIDDEN,
          "the student page of this session is closed; wait for your instructor to open it",
          Map.of("reason", "student-page-closed"));
    }
  }

  private static ApiException tooMany(String what, Duration wait) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    return new ApiException(
        ProblemType.TOO_MANY_REQUESTS,
        what + ": wait " + seconds + " s before trying again",
        Map.of("retryAfterSeconds", seconds));
  }

  private static ApiException nicknameTaken(String nickname) {
    return new ApiException(
        ProblemType.CONFLICT,
        "nickname '"
            + nickname
            + "' is taken in this session; pick another, or restore your progress with your agent code");
  }

  private static SessionBrief brief(SessionRow s) {
    return new SessionBrief(s.name(), s.level());
  }
}

package dev.perfshop.server.pedagogy;

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
  private final ProgressRepository progressStore;
  private final AgentCodes agentCodes;
  private final AnswerChecks checks;
  private final AnswerRateLimiter limiter;
  private final PedagogyMeters meters;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final EnigmaGate gate;
  private final CheckoutTally tally;

  StudentService(
      PedagogyRepository repository,
      ProgressRepository progressStore,
      AgentCodes agentCodes,
      AnswerChecks checks,
      AnswerRateLimiter limiter,
      PedagogyMeters meters,
      ApplicationEventPublisher events,
      Clock clock,
      EnigmaGate gate,
      CheckoutTally tally) {
    this.tally = tally;
    this.gate = gate;
    this.repository = repository;
    this.progressStore = progressStore;
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
    String clean = Nicknames.valid(nickname);
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
    List<ProgressRow> mine = progressStore.progressOfStudent(agent.student().id());
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
        Standings.stars(mine),
        (int) mine.stream().filter(ProgressRow::solved).count(),
        (int) enigmas.stream().filter(e -> EnigmaCards.visible(e, null)).count(),
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
        progressStore.progressOfStudent(agent.student().id()).stream()
            .collect(Collectors.toMap(ProgressRow::enigmaId, Function.identity()));
    Map<Long, Integer> counted = tally.countsOf(agent.student().id());
    return repository.enigmas(agent.session().id()).stream()
        .filter(e -> EnigmaCards.visible(e, mine.get(e.id())))
        .map(
            e ->
                EnigmaCards.view(
                    e, mine.get(e.id()), gate.live(e), counted.getOrDefault(e.id(), 0)))
        .toList();
  }

  @Transactional
  public AnswerResult answer(Agent agent, String key, AnswerChecks.Submission submission) {
    EnigmaRow e = visibleEnigma(agent, key);
    ProgressRow p = progressStore.lockProgress(agent.student().id(), e.id(), clock.instant());
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
    gate.requireLive(e);
    AnswerChecks.Verdict verdict =
        e.answer().type().equals("measured")
            ? checks.checkMeasured(
                agent.session().id(), e.key(), e.answer(), submission.answer(), gate.measured(e))
            : checks.check(agent.session().id(), e.key(), e.answer(), submission);
    Optional<Duration> wait = limiter.acquire(agent.student().id(), e.id());
    if (wait.isPresent()) {
      throw tooMany("too many answers", wait.get());
    }
    long sessionId = agent.session().id();
    meters.attempt(sessionId, verdict.correct());
    if (verdict.correct()) {
      int stars =
          Stars.earned(
              e.maxStars(),
              p.hintsTaken(),
              e.hintsReleased(),
              p.wrongAnswers(),
              EnigmaCards.per(e));
      if (progressStore.recordSolve(p.id(), stars, clock.instant())) {
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
    progressStore.recordWrong(p.id(), !repeat, verdict.fingerprint(), clock.instant());
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
    int available =
        Stars.earned(e.maxStars(), p.hintsTaken(), e.hintsReleased(), wrong, EnigmaCards.per(e));
    int tries = Stars.triesBeforeStarLost(wrong, EnigmaCards.per(e));
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
            + EnigmaCards.feedback(available, tries, EnigmaCards.per(e)));
  }

  /** Shows the student the next hint; beyond the released ones each costs a star. */
  @Transactional
  public Hint takeHint(Agent agent, String key) {
    EnigmaRow e = visibleEnigma(agent, key);
    ProgressRow p = progressStore.lockProgress(agent.student().id(), e.id(), clock.instant());
    int seen = Math.max(p.hintsTaken(), e.hintsReleased());
    if (seen >= e.hints().size()) {
      throw new ApiException(ProblemType.CONFLICT, "enigma " + key + " has no more hints");
    }
    int taken = seen + 1;
    progressStore.setHintsTaken(p.id(), taken, clock.instant());
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
            : Stars.earned(
                e.maxStars(), taken, e.hintsReleased(), p.wrongAnswers(), EnigmaCards.per(e));
    return new Hint(taken, e.hints().get(taken - 1), taken, available);
  }

  /** The scoreboard students see: frozen at the session's freeze instant, if any. */
  @Transactional(readOnly = true)
  public List<Rank> leaderboard(Agent agent) {
    long sessionId = agent.session().id();
    return Standings.leaderboard(
        repository.students(sessionId),
        Standings.asOf(
            progressStore.progressOfSession(sessionId).stream()
                .collect(Collectors.groupingBy(ProgressRow::studentId)),
            agent.session().frozenAt()));
  }

  private EnigmaRow visibleEnigma(Agent agent, String key) {
    EnigmaRow e =
        repository
            .enigma(agent.session().id(), key)
            .orElseThrow(() -> ApiException.notFound("enigma", key));
    if (!e.open()) {
      boolean solved =
          progressStore.progressOfStudent(agent.student().id()).stream()
              .anyMatch(p -> p.enigmaId() == e.id() && p.solved());
      if (!solved) {
        throw ApiException.notFound("enigma", key);
      }
    }
    return e;
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

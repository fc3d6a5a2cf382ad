package dev.perfshop.server.pedagogy;

import dev.perfshop.scenario.Level;
import dev.perfshop.server.pedagogy.Rows.EnigmaRow;
import dev.perfshop.server.pedagogy.Rows.ProgressRow;
import dev.perfshop.server.pedagogy.Rows.SessionRow;
import dev.perfshop.server.pedagogy.Rows.StudentRow;
import dev.perfshop.server.pedagogy.Views.Cell;
import dev.perfshop.server.pedagogy.Views.EnigmaSummary;
import dev.perfshop.server.pedagogy.Views.ProgressView;
import dev.perfshop.server.pedagogy.Views.Rank;
import dev.perfshop.server.pedagogy.Views.SessionView;
import dev.perfshop.server.pedagogy.Views.StudentProgress;
import dev.perfshop.server.pedagogy.Views.StudentView;
import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.Port;
import dev.perfshop.server.system.ProblemType;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Class sessions as the instructor runs them: lifecycle, students, progress and exports. */
@Port
@Service
public class ClassSessions {

  private final PedagogyRepository repository;
  private final ProgressRepository progressStore;
  private final TimelineRepository timeline;
  private final AgentCodes agentCodes;
  private final SecureRandom random;
  private final PedagogyProperties properties;
  private final PedagogyMeters meters;
  private final AnswerRateLimiter limiter;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ClassSessions(
      PedagogyRepository repository,
      ProgressRepository progressStore,
      TimelineRepository timeline,
      AgentCodes agentCodes,
      SecureRandom pedagogyRandom,
      PedagogyProperties properties,
      PedagogyMeters meters,
      AnswerRateLimiter limiter,
      ApplicationEventPublisher events,
      Clock clock) {
    this.repository = repository;
    this.progressStore = progressStore;
    this.timeline = timeline;
    this.agentCodes = agentCodes;
    this.random = pedagogyRandom;
    this.properties = properties;
    this.meters = meters;
    this.limiter = limiter;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public SessionView create(String name, Level level) {
    String clean = name == null ? "" : name.strip();
    if (clean.isEmpty() || clean.length() > 120) {
      throw new ApiException(ProblemType.VALIDATION, "name must have 1 to 120 characters");
    }
    if (level == null) {
      throw new ApiException(ProblemType.VALIDATION, "level must be one of BAC1 … BAC5");
    }
    if (repository.activeSessionCount() >= properties.maxActiveSessions()) {
      throw new ApiException(
          ProblemType.CONFLICT,
          "at most "
              + properties.maxActiveSessions()
              + " sessions may be live at once: archive one first");
    }
    for (int i = 0; i < 20; i++) {
      String code = Codes.joinCode(random);
      if (repository.joinCodeTaken(code)) {
        continue;
      }
      try {
        return view(
            repository
                .session(repository.insertSession(clean, level, code, clock.instant()))
                .orElseThrow());
      } catch (DuplicateKeyException raced) {
        // another session took this code a moment ago: draw again
      }
    }
    throw new ApiException(ProblemType.CONFLICT, "no free join code found; try again");
  }

  @Transactional(readOnly = true)
  public List<SessionView> list(boolean includeArchived) {
    return repository.sessions(includeArchived).stream().map(this::view).toList();
  }

  @Transactional(readOnly = true)
  public SessionView get(long id) {
    return view(require(id));
  }

  @Transactional
  public SessionView setStudentPage(long id, boolean open) {
    SessionRow s = require(id);
    if (s.archived() && open) {
      throw new ApiException(ProblemType.CONFLICT, "session " + id + " is archived");
    }
    Instant now = clock.instant();
    repository.setStudentPage(id, open);
    // the end of the class freezes the scoreboard; opening again thaws it
    if (!open && s.frozenAt() == null) {
      repository.setFrozen(id, now);
    } else if (open && s.frozenAt() != null) {
      repository.setFrozen(id, null);
    }
    timeline.journal(id, now, "session", open ? "student page opened" : "student page closed");
    events.publishEvent(ProgressEvent.of(id, "session", now));
    return view(require(id));
  }

  /** Shows a message to every student of the session (blank clears it). */
  @Transactional
  public SessionView broadcast(long id, String message) {
    SessionRow s = require(id);
    if (s.archived()) {
      throw new ApiException(ProblemType.CONFLICT, "session " + id + " is archived");
    }
    String clean = message == null ? "" : message.strip();
    if (clean.length() > 500) {
      throw new ApiException(ProblemType.VALIDATION, "message must have at most 500 characters");
    }
    Instant now = clock.instant();
    repository.setMessage(id, clean.isEmpty() ? null : clean, clean.isEmpty() ? null : now);
    timeline.journal(id, now, "message", clean.isEmpty() ? "message cleared" : clean);
    events.publishEvent(ProgressEvent.of(id, "message", now));
    return view(require(id));
  }

  /** Freezes (or thaws) what students and the projector see of the scoreboard. */
  @Transactional
  public SessionView freeze(long id, boolean frozen) {
    SessionRow s = require(id);
    Instant now = clock.instant();
    if (frozen && s.frozenAt() == null) {
      repository.setFrozen(id, now);
      timeline.journal(id, now, "scoreboard", "scoreboard frozen");
    } else if (!frozen && s.frozenAt() != null) {
      repository.setFrozen(id, null);
      timeline.journal(id, now, "scoreboard", "scoreboard thawed");
    }
    events.publishEvent(ProgressEvent.of(id, "session", now));
    return view(require(id));
  }

  /** Closes the student page for good, frees the join code and drops the session's meters. */
  @Transactional
  public SessionView archive(long id) {
    SessionRow s = require(id);
    if (!s.archived()) {
      repository.archive(id, clock.instant());
      meters.forget(id);
      events.publishEvent(ProgressEvent.of(id, "session", clock.instant()));
    }
    return view(require(id));
  }

  @Transactional(readOnly = true)
  public List<StudentView> students(long sessionId) {
    require(sessionId);
    Map<Long, List<ProgressRow>> progress = progressByStudent(sessionId);
    return repository.students(sessionId).stream()
        .map(st -> studentView(st, progress.getOrDefault(st.id(), List.of())))
        .toList();
  }

  @Transactional
  public StudentView rename(long sessionId, long studentId, String nickname) {
    StudentRow st = requireStudent(sessionId, studentId);
    String clean = Nicknames.valid(nickname);
    if (!PedagogyRepository.nicknameKey(clean).equals(PedagogyRepository.nicknameKey(st.nickname()))
        && repository.nicknameTaken(sessionId, clean)) {
      throw new ApiException(
          ProblemType.CONFLICT, "nickname '" + clean + "' is taken in this session");
    }
    try {
      repository.renameStudent(studentId, clean);
    } catch (DuplicateKeyException e) {
      throw new ApiException(
          ProblemType.CONFLICT, "nickname '" + clean + "' is taken in this session");
    }
    studentEvent(sessionId, studentId, clean);
    return studentView(
        repository.student(sessionId, studentId).orElseThrow(),
        progressStore.progressOfStudent(studentId));
  }

  /** Clears a student's progress (stars, hints, attempts); the agent code stays valid. */
  @Transactional
  public StudentView reset(long sessionId, long studentId) {
    StudentRow st = requireStudent(sessionId, studentId);
    repository.deleteProgressOf(studentId);
    limiter.forget(studentId);
    studentEvent(sessionId, studentId, st.nickname());
    return studentView(st, List.of());
  }

  /** Removes a student and their progress; their agent code stops working. */
  @Transactional
  public void remove(long sessionId, long studentId) {
    StudentRow st = requireStudent(sessionId, studentId);
    repository.deleteStudent(studentId);
    limiter.forget(studentId);
    studentEvent(sessionId, studentId, st.nickname());
  }

  @Transactional(readOnly = true)
  public ProgressView progress(long sessionId) {
    SessionRow session = require(sessionId);
    List<EnigmaRow> enigmas = repository.enigmas(sessionId);
    List<StudentRow> students = repository.students(sessionId);
    Map<Long, List<ProgressRow>> byStudent = progressByStudent(sessionId);
    Map<Long, String> keyOf =
        enigmas.stream().collect(Collectors.toMap(EnigmaRow::id, EnigmaRow::key));
    Map<Long, Integer> solvedBy = new LinkedHashMap<>();
    byStudent.values().stream()
        .flatMap(List::stream)
        .filter(ProgressRow::solved)
        .forEach(p -> solvedBy.merge(p.enigmaId(), 1, Integer::sum));
    List<EnigmaSummary> enigmaViews =
        enigmas.stream()
            .map(
                e ->
                    new EnigmaSummary(
                        e.key(),
                        e.question(),
                        e.answer().type(),
                        e.maxStars(),
                        e.open(),
                        e.answer().ready(),
                        solvedBy.getOrDefault(e.id(), 0),
                        e.scenarioId(),
                        e.hints().size(),
                        e.hintsReleased()))
            .toList();
    List<StudentProgress> rows = new ArrayList<>();
    for (StudentRow st : students) {
      List<ProgressRow> mine = byStudent.getOrDefault(st.id(), List.of());
      Map<String, Cell> cells = new LinkedHashMap<>();
      for (ProgressRow p : mine) {
        String key = keyOf.get(p.enigmaId());
        if (key != null) {
          cells.put(
              key,
              new Cell(
                  p.solved(),
                  p.stars(),
                  p.hintsTaken(),
                  p.wrongAnswers(),
                  p.attempts(),
                  p.solvedAt()));
        }
      }
      rows.add(
          new StudentProgress(
              st.id(),
              st.nickname(),
              Standings.stars(mine),
              (int) mine.stream().filter(ProgressRow::solved).count(),
              mine.stream().mapToInt(ProgressRow::hintsTaken).sum(),
              mine.stream().mapToInt(ProgressRow::wrongAnswers).sum(),
              mine.stream().mapToInt(ProgressRow::attempts).sum(),
              st.lastSeenAt(),
              cells));
    }
    return new ProgressView(
        view(session),
        enigmaViews,
        rows,
        Standings.leaderboard(students, byStudent),
        Standings.leaderboard(students, Standings.asOf(byStudent, session.frozenAt())),
        DetectionTimes.of(chaosDuring(session), enigmas, students, byStudent),
        clock.instant());
  }

  /** The debrief: incident timeline (chaos changes and class actions), standings, detections. */
  @Transactional(readOnly = true)
  public Views.Report report(long sessionId) {
    ProgressView p = progress(sessionId);
    SessionRow s = require(sessionId);
    return Standings.report(p, chaosDuring(s), timeline.journal(sessionId));
  }

  /** One CSV line per student and enigma, spreadsheet-safe (no formula can be injected). */
  @Transactional(readOnly = true)
  public String exportCsv(long sessionId) {
    return GradeExports.longCsv(progress(sessionId));
  }

  private List<Rows.ChaosRow> chaosDuring(SessionRow s) {
    Instant end = s.archivedAt() != null ? s.archivedAt() : clock.instant();
    return timeline.chaosChanges(s.createdAt(), end);
  }

  @Transactional(readOnly = true)
  public List<Rank> leaderboard(long sessionId) {
    require(sessionId);
    return Standings.leaderboard(repository.students(sessionId), progressByStudent(sessionId));
  }

  // --- for other features (chaos scopes)

  /** Whether {@code id} (as typed, e.g. {@code "7"}) names a class session that is not archived. */
  @Transactional(readOnly = true)
  public boolean isLive(String id) {
    if (id == null || !id.matches("[1-9][0-9]{0,17}")) {
      return false;
    }
    return repository.session(Long.parseLong(id)).filter(s -> !s.archived()).isPresent();
  }

  /** The class session (its id as text) of the enrolled student holding {@code code}. */
  @Transactional(readOnly = true)
  public Optional<String> sessionOfAgent(String code) {
    return agentCodes
        .verify(code)
        .flatMap(repository::studentByPublicId)
        .map(st -> Long.toString(st.sessionId()));
  }

  /**
   * Whether {@code code} is a genuine agent code (checked in constant time) of an enrolled student.
   */
  @Transactional(readOnly = true)
  public boolean isEnrolledAgent(String code) {
    return agentCodes.verify(code).flatMap(repository::studentByPublicId).isPresent();
  }

  // --- shared with the other services of the feature

  SessionRow require(long id) {
    return repository.session(id).orElseThrow(() -> ApiException.notFound("session", id));
  }

  SessionView view(SessionRow s) {
    return new SessionView(
        s.id(),
        s.name(),
        s.level(),
        s.joinCode(),
        s.studentPageOpen() ? "open" : "closed",
        s.archived(),
        s.createdAt(),
        s.archivedAt(),
        (int) repository.studentCount(s.id()),
        (int) repository.enigmaCount(s.id()),
        s.message(),
        s.messageAt(),
        s.frozenAt());
  }

  private StudentRow requireStudent(long sessionId, long studentId) {
    require(sessionId);
    return repository
        .student(sessionId, studentId)
        .orElseThrow(() -> ApiException.notFound("student", studentId));
  }

  private void studentEvent(long sessionId, long studentId, String nickname) {
    events.publishEvent(
        new ProgressEvent(
            sessionId, "student", studentId, nickname, null, null, null, clock.instant()));
  }

  Map<Long, List<ProgressRow>> progressByStudent(long sessionId) {
    return progressStore.progressOfSession(sessionId).stream()
        .collect(Collectors.groupingBy(ProgressRow::studentId));
  }

  private StudentView studentView(StudentRow st, List<ProgressRow> progress) {
    return new StudentView(
        st.id(),
        st.nickname(),
        agentCodes.codeOf(st.publicId()),
        st.joinedAt(),
        st.lastSeenAt(),
        Standings.stars(progress),
        (int) progress.stream().filter(ProgressRow::solved).count());
  }
}

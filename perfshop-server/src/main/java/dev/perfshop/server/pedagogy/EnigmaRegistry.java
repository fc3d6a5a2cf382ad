package dev.perfshop.server.pedagogy;

import dev.perfshop.scenario.Scenario;
import dev.perfshop.scenario.ScenarioLibrary;
import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.pedagogy.Rows.EnigmaRow;
import dev.perfshop.server.pedagogy.Rows.ProgressRow;
import dev.perfshop.server.pedagogy.Rows.SessionRow;
import dev.perfshop.server.pedagogy.Views.EnigmaView;
import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The enigmas of a class session: what a scenario runner (through the admin API or in-process) and
 * an instructor call. Registering is idempotent per key, so a replayed scenario updates its enigmas
 * without losing progress. Answers bound at run time ({@code bound}) are unsolvable until {@link
 * #bind} gives them their value.
 */
@Service
public class EnigmaRegistry {

  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  static final int MAX_ENIGMAS_PER_SESSION = 200;
  static final int MAX_HINTS = 5;

  private final PedagogyRepository repository;
  private final ProgressRepository progressStore;
  private final TimelineRepository timeline;
  private final ClassSessions sessions;
  private final AnswerChecks checks;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  EnigmaRegistry(
      PedagogyRepository repository,
      ProgressRepository progressStore,
      TimelineRepository timeline,
      ClassSessions sessions,
      AnswerChecks checks,
      ApplicationEventPublisher events,
      Clock clock) {
    this.repository = repository;
    this.progressStore = progressStore;
    this.timeline = timeline;
    this.sessions = sessions;
    this.checks = checks;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public EnigmaView register(long sessionId, EnigmaSpec spec) {
    SessionRow session = liveSession(sessionId);
    if (spec.id() == null || !ID.matcher(spec.id()).matches()) {
      throw invalid("id must be 1 to 64 lower-case letters, digits or dashes");
    }
    if (spec.scenarioId() != null && !ID.matcher(spec.scenarioId()).matches()) {
      throw invalid("scenarioId must be 1 to 64 lower-case letters, digits or dashes");
    }
    String question = spec.question() == null ? "" : spec.question().strip();
    if (question.isEmpty() || question.length() > 1000) {
      throw invalid("question must have 1 to 1000 characters");
    }
    if (spec.hints().size() > MAX_HINTS) {
      throw invalid("an enigma has at most " + MAX_HINTS + " hints");
    }
    for (String h : spec.hints()) {
      if (h == null || h.isBlank() || h.length() > 500) {
        throw invalid("hints have 1 to 500 characters");
      }
    }
    int stars = spec.stars() == null ? Stars.MAX : spec.stars();
    if (stars < 1 || stars > Stars.MAX) {
      throw invalid("stars must be 1 to " + Stars.MAX);
    }
    if (spec.answer() == null) {
      throw invalid("answer is required");
    }
    List<String> anomalies = new ArrayList<>();
    for (String a : spec.anomalies()) {
      anomalies.add(
          ChaosType.byId(a)
              .map(ChaosType::id)
              .orElseThrow(
                  () ->
                      invalid(
                          "anomalies names chaos types of the server; '"
                              + a
                              + "' is not one (see GET /api/admin/chaos/catalog)")));
    }
    String key = spec.key();
    StoredAnswer stored = checks.prepare(session.id(), key, spec.answer());
    List<String> hints = spec.hints().stream().map(String::strip).toList();
    var existing = repository.enigma(sessionId, key);
    if (existing.isPresent()) {
      repository.updateEnigma(
          existing.get().id(), spec.scenarioId(), question, stored, hints, stars);
      if (spec.open() != null) {
        repository.setEnigmaOpen(existing.get().id(), spec.open());
      }
    } else {
      long count = repository.enigmaCount(sessionId);
      if (count >= MAX_ENIGMAS_PER_SESSION) {
        throw new ApiException(
            ProblemType.CONFLICT, "a session has at most " + MAX_ENIGMAS_PER_SESSION + " enigmas");
      }
      repository.insertEnigma(
          sessionId,
          key,
          spec.scenarioId(),
          question,
          stored,
          hints,
          stars,
          spec.open() == null || spec.open(),
          (int) count,
          clock.instant());
    }
    repository.setAnomalies(require(sessionId, key).id(), anomalies);
    enigmaEvent(sessionId, key);
    return view(require(sessionId, key));
  }

  /** Registers every enigma of a scenario (closed unless {@code open}; its steps open them). */
  @Transactional
  public List<EnigmaView> registerScenario(long sessionId, Scenario scenario, boolean open) {
    List<EnigmaView> out = new ArrayList<>();
    for (Scenario.Enigma e : scenario.enigmas()) {
      out.add(register(sessionId, EnigmaSpec.from(scenario, e, open)));
    }
    return out;
  }

  /**
   * The built-in set: the enigmas of every shipped scenario of the session's level, open at once
   * (those bound at run time wait for {@link #bind}). A class can start without running scenarios;
   * the instructor enables the matching chaos by hand.
   */
  @Transactional
  public List<EnigmaView> registerLibrary(long sessionId) {
    SessionRow session = liveSession(sessionId);
    List<EnigmaView> out = new ArrayList<>();
    for (ScenarioLibrary.Entry entry : ScenarioLibrary.shipped()) {
      if (entry.scenario().level() == session.level()) {
        out.addAll(registerScenario(sessionId, entry.scenario(), true));
      }
    }
    return out;
  }

  @Transactional(readOnly = true)
  public List<EnigmaView> list(long sessionId) {
    sessions.require(sessionId);
    Map<Long, Long> solved = solvedCounts(sessionId);
    return repository.enigmas(sessionId).stream().map(e -> view(e, solved)).toList();
  }

  @Transactional
  public EnigmaView setOpen(long sessionId, String key, boolean open) {
    EnigmaRow e = require(sessionId, key);
    repository.setEnigmaOpen(e.id(), open);
    enigmaEvent(sessionId, key);
    return view(require(sessionId, key));
  }

  /**
   * Gives a run-time value to the {@code bound} enigmas of a binding: all enigmas of the session
   * whose binding is {@code name} (and, when given, whose scenario is {@code scenarioId}).
   *
   * @return the keys of the enigmas bound
   */
  @Transactional
  public List<String> bind(long sessionId, String scenarioId, String name, String value) {
    liveSession(sessionId);
    if (value == null || value.isBlank()) {
      throw invalid("value must not be empty");
    }
    List<String> bound = new ArrayList<>();
    for (EnigmaRow e : repository.enigmas(sessionId)) {
      if ("choice".equals(e.answer().type())
          && name != null
          && name.equals(e.answer().binding())
          && (scenarioId == null || scenarioId.equals(e.scenarioId()))) {
        // the run chose the anomaly: its right options become the answer
        String hash =
            checks
                .bindChoice(sessionId, e.key(), e.answer(), value)
                .orElseThrow(
                    () ->
                        invalid(
                            "'"
                                + value
                                + "' is not a value of binding '"
                                + name
                                + "' for enigma "
                                + e.key()));
        repository.setBoundHash(e.id(), hash);
        bound.add(e.key());
        enigmaEvent(sessionId, e.key());
      } else if ("bound".equals(e.answer().type())
          && name != null
          && name.equals(e.answer().binding())
          && (scenarioId == null || scenarioId.equals(e.scenarioId()))) {
        repository.setBoundHash(e.id(), checks.bindHash(sessionId, e.key(), value));
        bound.add(e.key());
        enigmaEvent(sessionId, e.key());
      } else if ("measured".equals(e.answer().type())
          && name != null
          && name.equals(e.answer().binding())
          && (scenarioId == null || scenarioId.equals(e.scenarioId()))) {
        // the run picked the route: the server measures that one
        String route =
            Routes.normalise(value)
                .orElseThrow(() -> invalid("a measured binding's value is a route: " + value));
        String metric = e.answer().measure().split(" ")[0];
        repository.setMeasure(e.id(), metric + " " + route);
        bound.add(e.key());
        enigmaEvent(sessionId, e.key());
      }
    }
    if (bound.isEmpty()) {
      throw new ApiException(
          ProblemType.NOT_FOUND, "no bound enigma of this session uses the binding '" + name + "'");
    }
    return bound;
  }

  /** Shows the next hint to every student for free (hints they took before are refunded). */
  @Transactional
  public EnigmaView releaseHint(long sessionId, String key) {
    EnigmaRow e = require(sessionId, key);
    if (e.hintsReleased() >= e.hints().size()) {
      throw new ApiException(ProblemType.CONFLICT, "every hint of " + key + " is already released");
    }
    repository.setHintsReleased(e.id(), e.hintsReleased() + 1);
    timeline.journal(
        sessionId,
        clock.instant(),
        "hint",
        "hint " + (e.hintsReleased() + 1) + " of " + key + " released to everyone");
    enigmaEvent(sessionId, key);
    return view(require(sessionId, key));
  }

  @Transactional
  public void remove(long sessionId, String key) {
    EnigmaRow e = require(sessionId, key);
    repository.deleteEnigma(e.id());
    enigmaEvent(sessionId, key);
  }

  EnigmaRow require(long sessionId, String key) {
    sessions.require(sessionId);
    return repository
        .enigma(sessionId, key)
        .orElseThrow(() -> ApiException.notFound("enigma", key));
  }

  private SessionRow liveSession(long sessionId) {
    SessionRow s = sessions.require(sessionId);
    if (s.archived()) {
      throw new ApiException(ProblemType.CONFLICT, "session " + sessionId + " is archived");
    }
    return s;
  }

  private void enigmaEvent(long sessionId, String key) {
    events.publishEvent(
        new ProgressEvent(sessionId, "enigma", null, null, key, null, null, clock.instant()));
  }

  /** The instructor's view: everything but the answer itself. */
  private EnigmaView view(EnigmaRow e) {
    return view(e, solvedCounts(e.sessionId()));
  }

  private Map<Long, Long> solvedCounts(long sessionId) {
    return progressStore.progressOfSession(sessionId).stream()
        .filter(ProgressRow::solved)
        .collect(Collectors.groupingBy(ProgressRow::enigmaId, Collectors.counting()));
  }

  private EnigmaView view(EnigmaRow e, Map<Long, Long> solved) {
    StoredAnswer a = e.answer();
    return new EnigmaView(
        e.key(),
        e.scenarioId(),
        e.question(),
        a.type(),
        a.type().equals("choice") ? a.options() : null,
        a.type().equals("choice") ? a.multiple() : null,
        a.unit(),
        a.binding(),
        e.hints(),
        e.hintsReleased(),
        e.maxStars(),
        e.open(),
        a.ready(),
        solved.getOrDefault(e.id(), 0L).intValue());
  }

  private static ApiException invalid(String message) {
    return new ApiException(ProblemType.VALIDATION, message);
  }
}

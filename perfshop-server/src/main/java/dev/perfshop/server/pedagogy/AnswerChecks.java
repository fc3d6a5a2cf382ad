package dev.perfshop.server.pedagogy;

import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns an {@link AnswerSpec} into what is stored, and checks a student's submission against it.
 * Choice, text, route and bound answers are stored only as keyed hashes (HMAC with the install key
 * over session, enigma and the normalised answer), so the database never holds them in clear. A
 * number with a tolerance and a regular expression cannot be hashed: they are stored as written and
 * no student API ever returns them.
 *
 * <p>A submission that cannot be an answer of the right kind (no unit conversion, not a route, an
 * index out of range) is a 400 problem and does not count as an attempt.
 */
final class AnswerChecks {

  static final int MAX_ANSWER = 200;
  private static final String DOMAIN = "perfshop-answer";

  /** A student's answer: {@code answer} for text-like checks, {@code choices} for choices. */
  record Submission(String answer, List<Integer> choices) {}

  /** Whether it was right, and a keyed fingerprint of the normalised answer (to spot repeats). */
  record Verdict(boolean correct, String fingerprint) {}

  private final InstallKey key;
  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  AnswerChecks(InstallKey key) {
    this.key = key;
  }

  /** Patterns are compiled once (they were validated when the enigma was registered). */
  private Pattern compiled(String pattern) {
    if (patterns.size() > 1_000) {
      patterns.clear();
    }
    return patterns.computeIfAbsent(pattern, SafeRegex::compile);
  }

  StoredAnswer prepare(long sessionId, String enigmaKey, AnswerSpec spec) {
    String type = spec.type() == null ? "" : spec.type().strip().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "choice" -> prepareChoice(sessionId, enigmaKey, spec);
      case "number" -> {
        require(spec.value() != null && Double.isFinite(spec.value()), "number needs a value");
        double tolerance = spec.tolerance() == null ? 0 : spec.tolerance();
        require(
            Double.isFinite(tolerance) && tolerance >= 0, "tolerance must be a positive number");
        require(spec.unit() == null || spec.unit().length() <= 16, "unit has at most 16 chars");
        yield StoredAnswer.number(type, spec.value(), tolerance, blankToNull(spec.unit()));
      }
      case "text" -> {
        if (spec.pattern() != null) {
          require(spec.accepted().isEmpty(), "text takes either a pattern or accepted answers");
          try {
            SafeRegex.compile(spec.pattern());
          } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
          }
          yield StoredAnswer.pattern(spec.pattern());
        }
        require(
            !spec.accepted().isEmpty() && spec.accepted().size() <= 20,
            "text needs a pattern or 1 to 20 accepted answers");
        List<String> hashes = new ArrayList<>();
        for (String a : spec.accepted()) {
          String n = AnswerText.text(a);
          require(!n.isEmpty() && n.length() <= MAX_ANSWER, "accepted answers have 1 to 200 chars");
          hashes.add(hash(sessionId, enigmaKey, "text", n));
        }
        yield StoredAnswer.hashed(type, hashes);
      }
      case "route" -> {
        String route =
            Routes.normalise(spec.route())
                .orElseThrow(() -> invalid("route must look like GET /api/products/{id}"));
        yield StoredAnswer.hashed(type, List.of(hash(sessionId, enigmaKey, "route", route)));
      }
      case "bound" -> {
        require(
            spec.binding() != null && spec.binding().matches("[a-z0-9][a-z0-9-]{0,63}"),
            "bound needs a binding name (lower-case letters, digits, dashes)");
        yield StoredAnswer.bound(spec.binding());
      }
      case "measured" -> {
        String metric = spec.measure() == null ? "" : spec.measure().strip();
        require(
            Measurements.UNITS.containsKey(metric),
            "measured needs measure: one of " + String.join(", ", Measurements.UNITS.keySet()));
        boolean bound = spec.binding() != null && spec.route() == null;
        require(
            !bound || spec.binding().matches("[a-z0-9][a-z0-9-]{0,63}"),
            "binding is lower-case letters, digits, dashes");
        String route =
            bound
                ? null
                : Routes.normalise(spec.route())
                    .orElseThrow(
                        () ->
                            invalid(
                                "measured needs the route measured (e.g. GET /api/cart) or the"
                                    + " binding that picks it"));
        double tolerance = spec.tolerance() == null ? 0 : spec.tolerance();
        require(
            tolerance > 0 && tolerance <= 100,
            "a measured answer's tolerance is a percentage of the measurement (1 to 100)");
        yield StoredAnswer.measured(
            tolerance,
            Measurements.UNITS.get(metric),
            bound ? spec.binding() : null,
            bound ? metric : metric + " " + route);
      }
      case "done" -> {
        require(
            spec.checkouts() != null
                && spec.checkouts() >= 1
                && spec.checkouts() <= DoingCheckouts.MAX_CHECKOUTS,
            "done needs checkouts: how many checkouts the student's script completes (1 to "
                + DoingCheckouts.MAX_CHECKOUTS
                + ")");
        require(
            spec.value() == null
                && spec.route() == null
                && spec.binding() == null
                && spec.pattern() == null
                && spec.measure() == null
                && spec.options().isEmpty()
                && spec.accepted().isEmpty(),
            "done takes only checkouts: the server counts them, nothing is typed");
        yield StoredAnswer.done(spec.checkouts());
      }
      default ->
          throw invalid(
              "answer type must be one of choice, number, text, route, bound, measured, done");
    };
  }

  private StoredAnswer prepareChoice(long sessionId, String enigmaKey, AnswerSpec spec) {
    List<String> options = spec.options();
    require(options.size() >= 2 && options.size() <= 10, "choice needs 2 to 10 options");
    for (String o : options) {
      require(o != null && !o.isBlank() && o.length() <= 200, "options have 1 to 200 chars");
    }
    if (spec.binding() != null || !spec.correctWhen().isEmpty()) {
      return prepareBoundChoice(sessionId, enigmaKey, spec);
    }
    TreeSet<Integer> correct = correctSet(spec.correct(), options.size());
    boolean multiple = spec.multiple() != null ? spec.multiple() : correct.size() > 1;
    require(multiple || correct.size() == 1, "a single choice has exactly one correct option");
    return StoredAnswer.choice(
        options, multiple, hash(sessionId, enigmaKey, "choice", choiceSet(correct)));
  }

  /**
   * A choice whose right options depend on the run: for each value the binding may take, the keyed
   * hash of the value maps to the keyed hash of its right options. Nothing is right until {@link
   * #bindChoice} picks one.
   */
  private StoredAnswer prepareBoundChoice(long sessionId, String enigmaKey, AnswerSpec spec) {
    require(
        spec.binding() != null && spec.binding().matches("[a-z0-9][a-z0-9-]{0,63}"),
        "a choice with correctWhen names its binding (lower-case letters, digits, dashes)");
    require(
        spec.correct().isEmpty()
            && !spec.correctWhen().isEmpty()
            && spec.correctWhen().size() <= 20,
        "a bound choice gives its right options in correctWhen (1 to 20 values), not correct");
    boolean multiple = false;
    Map<String, String> when = new java.util.TreeMap<>();
    for (var e : spec.correctWhen().entrySet()) {
      TreeSet<Integer> correct = correctSet(e.getValue(), spec.options().size());
      multiple |= correct.size() > 1;
      when.put(
          bindHash(sessionId, enigmaKey, e.getKey()),
          hash(sessionId, enigmaKey, "choice", choiceSet(correct)));
    }
    boolean asked = spec.multiple() != null ? spec.multiple() : multiple;
    require(asked || !multiple, "a single choice has exactly one correct option per value");
    return StoredAnswer.boundChoice(spec.options(), asked, spec.binding(), when);
  }

  /**
   * The right options of a bound choice for the value its run chose; empty if not a value of it.
   */
  Optional<String> bindChoice(long sessionId, String enigmaKey, StoredAnswer stored, String value) {
    return Optional.ofNullable(stored.when().get(bindHash(sessionId, enigmaKey, value)));
  }

  private static TreeSet<Integer> correctSet(List<Integer> indexes, int options) {
    require(
        indexes != null && indexes.stream().noneMatch(java.util.Objects::isNull),
        "correct must list option indexes");
    TreeSet<Integer> correct = new TreeSet<>(indexes);
    require(
        !correct.isEmpty()
            && correct.size() == indexes.size()
            && correct.first() >= 0
            && correct.last() < options,
        "correct must list distinct option indexes (from 0)");
    return correct;
  }

  /** The stored hash of a value bound at run time. */
  String bindHash(long sessionId, String enigmaKey, String value) {
    String n = AnswerText.bound(value);
    require(!n.isEmpty() && n.length() <= MAX_ANSWER, "a bound value has 1 to 200 chars");
    return hash(sessionId, enigmaKey, "bound", n);
  }

  Verdict check(long sessionId, String enigmaKey, StoredAnswer stored, Submission submission) {
    if (stored.type().equals("choice")) {
      List<Integer> chosen = submission.choices();
      if (chosen == null || chosen.isEmpty()) {
        throw invalid("pick at least one option in choices (indexes from 0)");
      }
      TreeSet<Integer> set = new TreeSet<>(chosen);
      if (set.size() != chosen.size() || set.first() < 0 || set.last() >= stored.options().size()) {
        throw invalid(
            "choices must be distinct option indexes from 0 to " + (stored.options().size() - 1));
      }
      if (!stored.multiple() && set.size() != 1) {
        throw invalid("this question takes exactly one choice");
      }
      return byHash(sessionId, enigmaKey, stored, "choice", choiceSet(set));
    }
    String answer = submission.answer();
    if (answer == null || answer.isBlank()) {
      throw invalid("answer must not be empty");
    }
    if (answer.length() > MAX_ANSWER) {
      throw invalid("answer has at most " + MAX_ANSWER + " characters");
    }
    return switch (stored.type()) {
      case "number" -> {
        Quantities.Quantity q =
            Quantities.parse(answer)
                .orElseThrow(() -> invalid("answer must be a number, optionally with a unit"));
        OptionalDouble v = Quantities.convert(q, stored.unit());
        if (v.isEmpty()) {
          throw invalid(
              "answer the number in "
                  + (stored.unit() == null ? "no unit" : stored.unit())
                  + " or a unit of the same kind");
        }
        boolean ok =
            Math.abs(v.getAsDouble() - stored.value())
                <= stored.tolerance() + 1e-9 * Math.abs(stored.value());
        yield new Verdict(
            ok, hash(sessionId, enigmaKey, "number", Double.toString(v.getAsDouble())));
      }
      case "text" -> {
        if (stored.pattern() != null) {
          String n = answer.strip().replaceAll("\\s+", " ");
          Pattern p = compiled(stored.pattern());
          boolean ok = SafeRegex.matches(p, n).orElse(false);
          yield new Verdict(ok, hash(sessionId, enigmaKey, "text", AnswerText.text(answer)));
        }
        yield byHash(sessionId, enigmaKey, stored, "text", AnswerText.text(answer));
      }
      case "route" -> {
        String route =
            Routes.normalise(answer)
                .orElseThrow(() -> invalid("answer a route as METHOD /path, e.g. GET /api/cart"));
        yield byHash(sessionId, enigmaKey, stored, "route", route);
      }
      case "bound" -> byHash(sessionId, enigmaKey, stored, "bound", AnswerText.bound(answer));
      default -> throw new IllegalStateException("unknown stored answer type " + stored.type());
    };
  }

  /**
   * A measured answer: right within {@code tolerance} percent of what the server measured (and at
   * least one unit, so a near-zero measurement is not an impossible target).
   */
  Verdict checkMeasured(
      long sessionId, String enigmaKey, StoredAnswer stored, String answer, double measured) {
    if (answer == null || answer.isBlank() || answer.length() > MAX_ANSWER) {
      throw invalid("answer must be a number of 1 to " + MAX_ANSWER + " characters");
    }
    Quantities.Quantity q =
        Quantities.parse(answer)
            .orElseThrow(() -> invalid("answer must be a number, optionally with a unit"));
    OptionalDouble v = Quantities.convert(q, stored.unit());
    if (v.isEmpty()) {
      throw invalid("answer the number in " + stored.unit() + " or a unit of the same kind");
    }
    double margin = Math.max(1, Math.abs(measured) * stored.tolerance() / 100);
    boolean ok = Math.abs(v.getAsDouble() - measured) <= margin;
    return new Verdict(ok, hash(sessionId, enigmaKey, "number", Double.toString(v.getAsDouble())));
  }

  private Verdict byHash(
      long sessionId, String enigmaKey, StoredAnswer stored, String kind, String normalised) {
    String message = message(sessionId, enigmaKey, kind, normalised);
    boolean ok = false;
    for (String h : stored.hashes()) {
      // every stored hash is compared, in constant time, so timing tells nothing
      ok |= key.matchesHex(h, DOMAIN, message);
    }
    return new Verdict(ok, key.macHex(DOMAIN, message));
  }

  private String hash(long sessionId, String enigmaKey, String kind, String normalised) {
    return key.macHex(DOMAIN, message(sessionId, enigmaKey, kind, normalised));
  }

  private static String message(long sessionId, String enigmaKey, String kind, String normalised) {
    return sessionId + "|" + enigmaKey + "|" + kind + "|" + normalised;
  }

  private static String choiceSet(java.util.Collection<Integer> set) {
    return set.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw invalid(message);
    }
  }

  static ApiException invalid(String message) {
    return new ApiException(ProblemType.VALIDATION, message);
  }
}

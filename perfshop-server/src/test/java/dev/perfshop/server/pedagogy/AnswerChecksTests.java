package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfshop.server.system.ApiException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerChecksTests {

  private final AnswerChecks checks =
      new AnswerChecks(InstallKey.of(Codes.randomBytes(new SecureRandom(), 32)));

  private boolean check(AnswerSpec spec, String answer) {
    StoredAnswer stored = checks.prepare(1, "e", spec);
    return checks.check(1, "e", stored, new AnswerChecks.Submission(answer, null)).correct();
  }

  @Test
  void aBoundChoiceIsRightOnlyForTheOptionOfTheValueItsRunChose() {
    AnswerSpec spec =
        new AnswerSpec(
            "choice",
            List.of("Garbage collection", "A growing heap", "CPU"),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            "incident",
            null,
            null,
            Map.of("gc-pressure", List.of(0), "memory-leak", List.of(1)));
    StoredAnswer stored = checks.prepare(1, "e", spec);
    assertThat(stored.ready()).as("nothing is right before the run binds it").isFalse();
    assertThat(stored.when().toString()).doesNotContain("memory-leak", "gc-pressure");
    assertThat(checks.bindChoice(1, "e", stored, "cpu-burn")).isEmpty();
    String hash = checks.bindChoice(1, "e", stored, "memory-leak").orElseThrow();
    StoredAnswer bound = stored.withHashes(List.of(hash));
    assertThat(bound.ready()).isTrue();
    assertThat(checks.check(1, "e", bound, new AnswerChecks.Submission(null, List.of(1))).correct())
        .isTrue();
    assertThat(checks.check(1, "e", bound, new AnswerChecks.Submission(null, List.of(0))).correct())
        .isFalse();
    // another session's hashes never match: a copied mapping is worth nothing
    assertThat(checks.bindChoice(2, "e", stored, "memory-leak")).isEmpty();
    assertThatThrownBy(
            () ->
                checks.prepare(
                    1,
                    "e",
                    new AnswerSpec(
                        "choice",
                        List.of("a", "b"),
                        List.of(0),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "incident",
                        null,
                        null,
                        Map.of("x", List.of(1)))))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("not correct");
  }

  @Test
  void routesAreComparedInTheirTemplateForm() {
    assertThat(Routes.normalise("GET /api/products/{id}")).contains("GET /api/products/{id}");
    assertThat(Routes.normalise("get http://localhost:8080/api/products/42/?q=1#x"))
        .contains("GET /api/products/{id}");
    assertThat(Routes.normalise("GET /api/products/:productId")).contains("GET /api/products/{id}");
    assertThat(Routes.normalise("GET /api/orders/3f2b6c1e-4a5d-4e6f-8a9b-0c1d2e3f4a5b"))
        .contains("GET /api/orders/{id}");
    assertThat(Routes.normalise("GET //api//Cart/")).contains("GET /api/cart");
    assertThat(Routes.normalise("/api/products")).isEmpty();
    assertThat(Routes.normalise("FETCH /api/products")).isEmpty();
    assertThat(Routes.normalise("GET api/products")).isEmpty();
    assertThat(check(AnswerSpec.route("GET /api/products/{productId}"), "GET /api/products/12"))
        .isTrue();
    assertThat(check(AnswerSpec.route("GET /api/products/{id}"), "GET /api/products")).isFalse();
    assertThat(check(AnswerSpec.route("GET /api/products/{id}"), "DELETE /api/products/1"))
        .isFalse();
  }

  @Test
  void numbersAcceptOtherUnitsOfTheSameKindWithinTolerance() {
    AnswerSpec p95 = AnswerSpec.number(250, 50, "ms");
    assertThat(check(p95, "250")).isTrue();
    assertThat(check(p95, "299 ms")).isTrue();
    assertThat(check(p95, "0,2 s")).isTrue();
    assertThat(check(p95, "301ms")).isFalse();
    assertThat(check(p95, "250000 µs")).isTrue();
    assertThatThrownBy(() -> check(p95, "250 MiB")).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> check(p95, "about 250")).isInstanceOf(ApiException.class);
    AnswerSpec heap = AnswerSpec.number(512, 0, "MiB");
    assertThat(check(heap, "0.5 GiB")).isTrue();
    assertThat(check(AnswerSpec.number(5, 0.5, "%"), "5.4%")).isTrue();
    assertThat(check(AnswerSpec.number(3, 0, null), "3")).isTrue();
  }

  @Test
  void textIgnoresCaseAndSpacingAndRegexMatchesTheWholeAnswer() {
    assertThat(check(AnswerSpec.text(List.of("Retry-After", "retry after")), "  RETRY   after "))
        .isTrue();
    assertThat(check(AnswerSpec.text(List.of("Retry-After")), "Retry")).isFalse();
    AnswerSpec regex = AnswerSpec.regex("(?i)n\\s*\\+\\s*1( quer(y|ies))?");
    assertThat(check(regex, "N+1 queries")).isTrue();
    assertThat(check(regex, "it is an N+1 query")).isFalse();
  }

  @Test
  void catastrophicBacktrackingRunsOutOfBudgetInsteadOfHanging() {
    // Java 21 still backtracks polynomially-explosively on nested counted loops: without the
    // budget this match runs for minutes; with it, a bounded number of reads and a "wrong" verdict
    String evil = "(.*a){12}";
    String input = "a".repeat(50) + "!";
    assertThat(SafeRegex.matches(SafeRegex.compile(evil), input)).isEmpty();
    assertThat(check(AnswerSpec.regex(evil), input)).isFalse();
    assertThat(check(AnswerSpec.regex(evil), "a".repeat(12))).isTrue();
    assertThatThrownBy(() -> SafeRegex.compile("(a)\\1")).hasMessageContaining("back-references");
    assertThatThrownBy(() -> SafeRegex.compile("x".repeat(301)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SafeRegex.compile("(unclosed"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void choicesNeedTheExactSet() {
    StoredAnswer stored =
        checks.prepare(1, "c", AnswerSpec.choice(List.of("a", "b", "c"), List.of(0, 2)));
    assertThat(stored.multiple()).isTrue();
    assertThat(
            checks
                .check(1, "c", stored, new AnswerChecks.Submission(null, List.of(2, 0)))
                .correct())
        .isTrue();
    assertThat(
            checks.check(1, "c", stored, new AnswerChecks.Submission(null, List.of(0))).correct())
        .isFalse();
    assertThat(
            checks
                .check(1, "c", stored, new AnswerChecks.Submission(null, List.of(0, 1, 2)))
                .correct())
        .isFalse();
    assertThatThrownBy(
            () -> checks.check(1, "c", stored, new AnswerChecks.Submission(null, List.of(0, 0))))
        .isInstanceOf(ApiException.class);
    StoredAnswer single = checks.prepare(1, "s", AnswerSpec.choice(List.of("a", "b"), List.of(1)));
    assertThatThrownBy(
            () -> checks.check(1, "s", single, new AnswerChecks.Submission(null, List.of(0, 1))))
        .isInstanceOf(ApiException.class);
  }

  @Test
  void hashesAreKeyedPerSessionAndEnigma() {
    AnswerSpec route = AnswerSpec.route("GET /api/cart");
    String a = checks.prepare(1, "e", route).hashes().getFirst();
    String b = checks.prepare(2, "e", route).hashes().getFirst();
    String c = checks.prepare(1, "f", route).hashes().getFirst();
    assertThat(a).matches("[0-9a-f]{64}").isNotEqualTo(b).isNotEqualTo(c);
    AnswerChecks other = new AnswerChecks(InstallKey.of(Codes.randomBytes(new SecureRandom(), 32)));
    assertThat(other.prepare(1, "e", route).hashes().getFirst()).isNotEqualTo(a);
  }

  @Test
  void boundAnswersWaitForTheirValue() {
    StoredAnswer stored = checks.prepare(1, "t", AnswerSpec.bound("target-route"));
    assertThat(stored.ready()).isFalse();
    String hash = checks.bindHash(1, "t", "GET /api/products/{id}/reviews");
    StoredAnswer bound = StoredAnswer.bound("target-route").withHashes(List.of(hash));
    assertThat(
            checks
                .check(
                    1, "t", bound, new AnswerChecks.Submission("get /api/products/4/reviews", null))
                .correct())
        .isTrue();
    assertThat(
            checks
                .check(1, "t", bound, new AnswerChecks.Submission("GET /api/products/4", null))
                .correct())
        .isFalse();
  }

  @Test
  void starsFollowTheDocumentedRule() {
    assertThat(Stars.earned(3, 0, 0, 0)).isEqualTo(3);
    assertThat(Stars.earned(3, 1, 0, 0)).isEqualTo(2);
    assertThat(Stars.earned(3, 1, 1, 0)).isEqualTo(3);
    assertThat(Stars.earned(3, 0, 0, 2)).isEqualTo(3);
    assertThat(Stars.earned(3, 0, 0, 3)).isEqualTo(2);
    assertThat(Stars.earned(3, 0, 0, 6)).isEqualTo(1);
    assertThat(Stars.earned(3, 2, 0, 3)).isZero();
    assertThat(Stars.earned(2, 5, 0, 9)).isZero();
    // a choice: every wrong option costs a star
    assertThat(Stars.earned(3, 0, 0, 2, Stars.wrongPerStar("choice"))).isEqualTo(1);
    assertThat(Stars.earned(3, 0, 0, 2, Stars.wrongPerStar("route"))).isEqualTo(3);
    assertThat(Stars.triesBeforeStarLost(0, 3)).isEqualTo(3);
    assertThat(Stars.triesBeforeStarLost(2, 3)).isEqualTo(1);
    assertThat(Stars.triesBeforeStarLost(3, 3)).isEqualTo(3);
    assertThat(Stars.triesBeforeStarLost(5, 1)).isEqualTo(1);
  }
}

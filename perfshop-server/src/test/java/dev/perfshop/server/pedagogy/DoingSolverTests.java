package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.scenario.Scenario;
import dev.perfshop.scenario.ScenarioLibrary;
import dev.perfshop.scenario.ScenarioValidator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Solvers for the BAC4 scripting scenarios, solved by doing: the instructor's side registers the
 * scenario's enigmas and enables its token anomalies as the runner does; a student's own script
 * completes the required checkouts through the token chain with its agent code, and the server
 * marks the enigma solved. A script that ignores the tokens, another student's agent code, or a
 * session whose anomaly is off earns nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DoingSolverTests {

  @LocalServerPort int port;
  Api api;
  long product;

  @BeforeEach
  void client() {
    api = new Api(port);
    api.admin("POST", "/api/admin/chaos/halt", null);
    product = new StudentScript(port, false, null).product();
  }

  @AfterEach
  void calm() {
    api.admin("POST", "/api/admin/chaos/halt", null);
  }

  static Scenario scenario(String id) {
    return ScenarioLibrary.shipped().stream()
        .map(ScenarioLibrary.Entry::scenario)
        .filter(s -> s.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  static Scenario.Enigma doing(Scenario s) {
    return s.enigmas().stream()
        .filter(e -> e.answer().type().equals("done"))
        .findFirst()
        .orElseThrow();
  }

  /** What the runner does for a class session: registers every enigma with its anomalies. */
  private Map<String, Object> session(Scenario s) {
    Map<String, Object> session = api.openSession(s.id() + " " + System.nanoTime(), "BAC4");
    for (Scenario.Enigma e : s.enigmas()) {
      Map<String, Object> body = new HashMap<>();
      body.put("scenarioId", s.id());
      body.put("id", e.id());
      body.put("question", e.question());
      body.put("answer", AnswerSpec.from(e.answer()));
      body.put("hints", e.hints());
      body.put("stars", e.stars());
      body.put("anomalies", s.anomaliesOf(e.id()));
      assertThat(api.register(session.get("id"), body).getStatusCode().value()).isEqualTo(201);
    }
    return session;
  }

  /** Enables the scenario's anomalies that gate its doing enigma, at the scenario's levels. */
  private void enableChaos(Scenario s) {
    List<String> gate = s.anomaliesOf(doing(s).id());
    for (Scenario.Step step : s.steps()) {
      var c = step.chaos();
      // the token checks only: a route's latency (load-profile) slows the test, not the chain
      if (c != null
          && c.enable() != null
          && gate.contains(c.enable())
          && ScenarioValidator.CHECKOUT_TOKENS.contains(c.enable())) {
        assertThat(
                api.admin("PUT", "/api/admin/chaos/" + c.enable(), Map.of("level", c.level()))
                    .getStatusCode()
                    .is2xxSuccessful())
            .as(c.enable())
            .isTrue();
      }
    }
  }

  private int checkouts(StudentScript script, int n) {
    int placed = 0;
    for (int i = 0; i < n; i++) {
      if (script.checkout(product) == 201) {
        placed++;
      }
    }
    return placed;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "scripting-csrf",
        "token-chain",
        "load-profile",
        "signed-checkout",
        "action-tokens"
      })
  void aStudentsScriptThroughTheTokenChainSolvesTheDoingEnigma(String id) {
    Scenario s = scenario(id);
    Scenario.Enigma e = doing(s);
    int k = e.answer().checkouts();
    String key = s.id() + "." + e.id();
    Map<String, Object> session = session(s);
    String agent = api.agent(session.get("joinCode"), "Scripter");
    enableChaos(s);

    // the student's page reads progress through a client that carries the tokens
    StudentScript page = new StudentScript(port, true, null);

    // a recorded script that ignores the tokens is refused before any order: nothing counted
    assertThat(checkouts(new StudentScript(port, false, agent), k)).isZero();
    Map<String, Object> before = page.enigma(agent, key);
    assertThat(before).containsEntry("type", "done").containsEntry("checkoutsCounted", 0);
    assertThat(before).containsEntry("checkoutsRequired", k).containsEntry("solved", false);

    // the correlated script: one short of K, then the K-th checkout solves it
    StudentScript script = new StudentScript(port, true, agent);
    assertThat(checkouts(script, k - 1)).isEqualTo(k - 1);
    assertThat(page.enigma(agent, key))
        .containsEntry("checkoutsCounted", k - 1)
        .containsEntry("solved", false);
    assertThat(checkouts(script, 1)).isEqualTo(1);
    Map<String, Object> after = page.enigma(agent, key);
    assertThat(after).containsEntry("solved", true).containsEntry("checkoutsCounted", k);
    assertThat(after.get("stars")).isEqualTo(e.stars() == null ? 3 : e.stars());

    // once solved, a typed answer changes nothing
    var typed = page.answer(agent, key, "5");
    assertThat(typed.getKey()).isEqualTo(200);
    assertThat(typed.getValue()).containsEntry("alreadySolved", true);
  }

  @Test
  void anotherStudentsAgentCodeAForgedOneNoneOrTheShopPageEarnsNothingForThisStudent() {
    Scenario s = scenario("scripting-csrf");
    String key = s.id() + "." + doing(s).id();
    Map<String, Object> session = session(s);
    String mine = api.agent(session.get("joinCode"), "Mine");
    String theirs = api.agent(session.get("joinCode"), "Theirs");
    enableChaos(s);

    assertThat(checkouts(new StudentScript(port, true, theirs), 2)).isEqualTo(2);
    String forged = mine.substring(0, mine.length() - 1) + (mine.endsWith("A") ? "B" : "A");
    assertThat(checkouts(new StudentScript(port, true, forged), 2)).isEqualTo(2);
    assertThat(checkouts(new StudentScript(port, true, null), 2)).isEqualTo(2);
    // the shop page in the student's own browser: it carries the code and the tokens, but
    // clicking checkout is not scripting
    assertThat(checkouts(new StudentScript(port, true, mine).asWebPage(), 2)).isEqualTo(2);

    StudentScript page = new StudentScript(port, true, null);
    assertThat(page.enigma(mine, key)).containsEntry("checkoutsCounted", 0);
    assertThat(page.enigma(theirs, key)).containsEntry("checkoutsCounted", 2);
  }

  @Test
  void aSessionWhoseAnomalyIsOffEarnsNothingAndATypedAnswerIsNotAnAttempt() {
    Scenario s = scenario("token-chain");
    String key = s.id() + "." + doing(s).id();
    Map<String, Object> session = session(s);
    String agent = api.agent(session.get("joinCode"), "Early");

    // the chaos is off: the checkouts succeed, they pass no token check, and earn nothing
    assertThat(checkouts(new StudentScript(port, true, agent), 3)).isEqualTo(3);
    assertThat(api.enigma(agent, key)).containsEntry("checkoutsCounted", 0);

    enableChaos(s);
    StudentScript page = new StudentScript(port, true, null);
    var typed = page.answer(agent, key, "5");
    assertThat(typed.getKey()).isEqualTo(409);
    assertThat(typed.getValue())
        .containsEntry("reason", "solved-by-doing")
        .containsKey("type")
        .containsKey("detail");
    assertThat(page.enigma(agent, key))
        .containsEntry("wrongAnswers", 0)
        .containsEntry("checkoutsCounted", 0)
        .containsEntry("solved", false);
  }

  @Test
  void withTheAnomalyScopedToOneSessionTheOtherSessionsScriptEarnsNothing() {
    Scenario s = scenario("scripting-csrf");
    Scenario.Enigma e = doing(s);
    String key = s.id() + "." + e.id();
    Map<String, Object> on = session(s);
    Map<String, Object> off = session(s);
    String inOn = api.agent(on.get("joinCode"), "InScope");
    String inOff = api.agent(off.get("joinCode"), "OutOfScope");
    assertThat(
            api.admin(
                    "PUT",
                    "/api/admin/chaos/csrf-token",
                    Map.of("level", 2, "sessionId", String.valueOf(on.get("id"))))
                .getStatusCode()
                .is2xxSuccessful())
        .isTrue();

    int k = e.answer().checkouts();
    StudentScript theirs = new StudentScript(port, true, inOff).inSession(off.get("id"));
    assertThat(checkouts(theirs, k)).isEqualTo(k);
    StudentScript mine = new StudentScript(port, true, inOn).inSession(on.get("id"));
    assertThat(checkouts(mine, k)).isEqualTo(k);

    assertThat(new StudentScript(port, true, null).inSession(off.get("id")).enigma(inOff, key))
        .containsEntry("checkoutsCounted", 0)
        .containsEntry("solved", false);
    assertThat(new StudentScript(port, true, null).inSession(on.get("id")).enigma(inOn, key))
        .containsEntry("checkoutsCounted", k)
        .containsEntry("solved", true);
  }

  @Test
  void anIdempotentReplayOfACheckoutCountsOnce() {
    Scenario s = scenario("scripting-csrf");
    String key = s.id() + "." + doing(s).id();
    Map<String, Object> session = session(s);
    String agent = api.agent(session.get("joinCode"), "Replayer");
    enableChaos(s);
    StudentScript script = new StudentScript(port, true, agent);
    script.send("GET", "/api/products/" + product, null, false);
    script.send("POST", "/api/cart/items", "{\"productId\":" + product + ",\"quantity\":1}", false);
    var first =
        script.sendWithKey("/api/orders", StudentScript.BODY, "replay-" + System.nanoTime());
    assertThat(first.statusCode()).isEqualTo(201);
    var again = script.sendWithKey("/api/orders", StudentScript.BODY, script.lastKey());
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(new StudentScript(port, true, null).enigma(agent, key))
        .containsEntry("checkoutsCounted", 1);
  }

  @Test
  void aBadDoneEnigmaIsAProblemAndRegistersNothing() {
    Map<String, Object> session = api.openSession("bad doing " + System.nanoTime(), "BAC4");
    for (Map<String, Object> answer :
        List.<Map<String, Object>>of(
            Map.of("type", "done"),
            Map.of("type", "done", "checkouts", 0),
            Map.of("type", "done", "checkouts", 101),
            Map.of("type", "done", "checkouts", 5, "value", 5))) {
      var r =
          api.register(
              session.get("id"),
              Map.of(
                  "id",
                  "bad",
                  "question",
                  "Complete checkouts",
                  "answer",
                  answer,
                  "anomalies",
                  List.of("csrf-token")));
      assertThat(r.getStatusCode().value()).as(answer.toString()).isEqualTo(400);
      assertThat(r.getHeaders().getContentType().toString()).contains("problem+json");
      assertThat(String.valueOf(r.getBody().get("detail"))).contains("done");
    }
    var list = api.adminList("/api/admin/sessions/" + session.get("id") + "/enigmas");
    assertThat(list.getBody()).isEmpty();
  }

  // --- the starter JMeter plans (compose-templates/config/jmeter/plans/scripting)

  private static String plan(String name) throws java.io.IOException {
    return java.nio.file.Files.readString(
        java.nio.file.Path.of(
            "../compose-templates/config/jmeter/plans/scripting/" + name + ".jmx"));
  }

  /**
   * What a student adds in JMeter's GUI: on every sampler a Regular Expression Extractor of the
   * token header into a variable, and the header sent back from that variable (plus, for the
   * request-id anomaly, a fresh X-Request-ID).
   */
  static String correlate(String jmx, String header, String var, boolean requestId) {
    String sent =
        """
              <elementProp name="%1$s" elementType="Header">
                <stringProp name="Header.name">%1$s</stringProp>
                <stringProp name="Header.value">${%2$s}</stringProp>
              </elementProp>"""
            .formatted(header, var);
    if (requestId) {
      sent +=
          """
              <elementProp name="X-Request-ID" elementType="Header">
                <stringProp name="Header.name">X-Request-ID</stringProp>
                <stringProp name="Header.value">${__UUID()}</stringProp>
              </elementProp>""";
    }
    String extractor =
        """
          <RegexExtractor guiclass="RegexExtractorGui" testclass="RegexExtractor" testname="%1$s">
            <stringProp name="RegexExtractor.useHeaders">true</stringProp>
            <stringProp name="RegexExtractor.refname">%2$s</stringProp>
            <stringProp name="RegexExtractor.regex">(?i)%1$s: (\\S+)</stringProp>
            <stringProp name="RegexExtractor.template">$1$</stringProp>
            <stringProp name="RegexExtractor.default"></stringProp>
            <stringProp name="RegexExtractor.match_number">1</stringProp>
          </RegexExtractor>
          <hashTree/>"""
            .formatted(header, var);
    return jmx.replace(
            "<collectionProp name=\"HeaderManager.headers\">",
            "<collectionProp name=\"HeaderManager.headers\">" + sent)
        .replace(
            "</HeaderManager>\n          <hashTree/>",
            "</HeaderManager>\n          <hashTree/>\n" + extractor);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "scripting-csrf, csrf-token, X-CSRF-Token, false",
    "token-chain, step-token, X-Step-Token, true",
    "action-tokens, action-token, X-Action-Token, false"
  })
  void aStarterPlanEarnsNothingUntilTheStudentAddsTheCorrelation(
      String scenarioId, String planName, String header, boolean requestId) throws Exception {
    Scenario s = scenario(scenarioId);
    Scenario.Enigma e = doing(s);
    int k = e.answer().checkouts();
    String key = s.id() + "." + e.id();
    Map<String, Object> session = session(s);
    String agent = api.agent(session.get("joinCode"), "Plan");
    enableChaos(s);
    Map<String, String> props =
        Map.of(
            "host", "localhost",
            "port", Integer.toString(port),
            "agent", agent,
            "product", Long.toString(product),
            "loops", Integer.toString(k));

    String shipped = plan(planName);
    JmxReplay asShipped = new JmxReplay(shipped, props);
    assertThat(asShipped.run()).as(asShipped.samples.toString()).isZero();
    StudentScript page = new StudentScript(port, true, null);
    assertThat(page.enigma(agent, key)).containsEntry("checkoutsCounted", 0);

    String correlated = correlate(shipped, header, "token", requestId);
    assertThat(correlated).isNotEqualTo(shipped);
    JmxReplay fixed = new JmxReplay(correlated, props);
    assertThat(fixed.run()).as(fixed.samples.toString()).isEqualTo(k);
    assertThat(page.enigma(agent, key))
        .containsEntry("checkoutsCounted", k)
        .containsEntry("solved", true);
  }

  @Test
  void theShippedSignaturePlanEarnsNothing() throws Exception {
    Scenario s = scenario("signed-checkout");
    String key = s.id() + "." + doing(s).id();
    Map<String, Object> session = session(s);
    String agent = api.agent(session.get("joinCode"), "Unsigned");
    enableChaos(s);
    JmxReplay shipped =
        new JmxReplay(
            plan("body-signature"),
            Map.of(
                "host",
                "localhost",
                "port",
                Integer.toString(port),
                "agent",
                agent,
                "product",
                Long.toString(product),
                "loops",
                "3"));
    assertThat(shipped.run()).as(shipped.samples.toString()).isZero();
    assertThat(new StudentScript(port, true, null).enigma(agent, key))
        .containsEntry("checkoutsCounted", 0);
  }
}

package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Trying every option of a choice never pays, and the feedback says what the next try costs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FairScoringTests {

  @LocalServerPort int port;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  @Test
  void everyWrongChoiceCostsAStarSoTryingAllOptionsEarnsLittle() {
    Map<String, Object> s = api.openSession("brute", "BAC2");
    api.register(
        s.get("id"),
        Map.of(
            "id",
            "layer",
            "question",
            "Where is the time spent?",
            "answer",
            Map.of(
                "type",
                "choice",
                "options",
                List.of("App", "Network", "Database"),
                "correct",
                List.of(2))));
    String agent = api.agent(s.get("joinCode"), "Mallory");
    assertThat(api.enigma(agent, "layer")).containsEntry("triesBeforeStarLost", 1);

    var first = api.answer(agent, "layer", List.of(0)).getBody();
    assertThat(first)
        .containsEntry("correct", false)
        .containsEntry("starsAvailable", 2)
        .containsEntry("triesBeforeStarLost", 1);
    assertThat((String) first.get("message")).contains("each wrong choice costs a star");
    assertThat(api.answer(agent, "layer", List.of(1)).getBody()).containsEntry("starsAvailable", 1);
    assertThat(api.answer(agent, "layer", List.of(2)).getBody())
        .containsEntry("solved", true)
        .containsEntry("stars", 1);
  }

  @Test
  void aTypedAnswerSaysHowManyTriesRemainBeforeAStarIsLost() {
    Map<String, Object> s = api.openSession("tries", "BAC1");
    api.register(s.get("id"), Api.routeEnigma("slow", "GET /api/products/{id}", List.of()));
    String agent = api.agent(s.get("joinCode"), "Trent");
    assertThat(api.enigma(agent, "slow")).containsEntry("triesBeforeStarLost", 3);

    var one = api.answer(agent, "slow", "GET /api/cart").getBody();
    assertThat(one).containsEntry("starsAvailable", 3).containsEntry("triesBeforeStarLost", 2);
    assertThat((String) one.get("message"))
        .contains("2 more wrong answers before a star is lost (3 still available)");
    var two = api.answer(agent, "slow", "GET /api/categories").getBody();
    assertThat((String) two.get("message")).contains("the next wrong answer costs a star");
    var three = api.answer(agent, "slow", "GET /api/products").getBody();
    assertThat(three).containsEntry("starsAvailable", 2).containsEntry("triesBeforeStarLost", 3);
  }
}

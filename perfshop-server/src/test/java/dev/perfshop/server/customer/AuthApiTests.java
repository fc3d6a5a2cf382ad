package dev.perfshop.server.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.ShopClient;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthApiTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private static String email() {
    return "buyer-" + UUID.randomUUID() + "@example.test";
  }

  private static Map<String, Object> registration(String email) {
    return Map.of("email", email, "name", "Ada", "password", "correct horse");
  }

  @Test
  void registerSignsInWithAnHttpOnlyLaxCookieAndStoresOnlyTheTokenHash() {
    ShopClient browser = new ShopClient(port);
    String email = email();
    var registered = browser.post("/api/auth/register", registration(email.toUpperCase()));

    assertThat(registered.status()).isEqualTo(201);
    assertThat(registered.json().get("email").asString()).isEqualTo(email);
    assertThat(registered.setCookies())
        .anySatisfy(
            c ->
                assertThat(c)
                    .startsWith(CurrentCustomer.SESSION_COOKIE + "=")
                    .contains("HttpOnly", "SameSite=Lax", "Path=/"));
    String token = browser.cookie(CurrentCustomer.SESSION_COOKIE);
    assertThat(token).hasSize(43);
    var stored =
        jdbc.sql(
                "select s.token_hash from customer_sessions s join customers c"
                    + " on c.id = s.customer_id where c.email = ?")
            .param(email)
            .query(String.class)
            .list();
    assertThat(stored).containsExactly(Tokens.sha256(token));
    String passwordHash =
        jdbc.sql("select password_hash from customers where email = ?")
            .param(email)
            .query(String.class)
            .single();
    assertThat(passwordHash).startsWith("$2").doesNotContain("correct horse");

    var me = browser.get("/api/auth/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("name").asString()).isEqualTo("Ada");
  }

  @Test
  void registeringTheSameEmailTwiceIsAConflict() {
    String email = email();
    new ShopClient(port).post("/api/auth/register", registration(email));
    var again = new ShopClient(port).post("/api/auth/register", registration(email));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.problemType()).isEqualTo("conflict");
  }

  @Test
  void badRegistrationsAreValidationProblemsAndCreateNothing() {
    long before = jdbc.sql("select count(*) from customers").query(Long.class).single();
    var shortPassword =
        new ShopClient(port)
            .post("/api/auth/register", Map.of("email", email(), "name", "A", "password", "short"));
    var badEmail =
        new ShopClient(port)
            .post(
                "/api/auth/register",
                Map.of("email", "not-an-email", "name", "A", "password", "long enough"));
    assertThat(shortPassword.status()).isEqualTo(400);
    assertThat(shortPassword.problemType()).isEqualTo("validation");
    assertThat(badEmail.status()).isEqualTo(400);
    assertThat(jdbc.sql("select count(*) from customers").query(Long.class).single())
        .isEqualTo(before);
  }

  @Test
  void unknownEmailAndWrongPasswordGiveTheSameProblem() {
    String email = email();
    new ShopClient(port).post("/api/auth/register", registration(email));

    var wrongPassword =
        new ShopClient(port)
            .post("/api/auth/login", Map.of("email", email, "password", "wrong password"));
    var unknownEmail =
        new ShopClient(port)
            .post("/api/auth/login", Map.of("email", email(), "password", "correct horse"));

    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(unknownEmail.status()).isEqualTo(401);
    assertThat(wrongPassword.contentType()).startsWith("application/problem+json");
    for (String field : new String[] {"type", "title", "status", "detail"}) {
      assertThat(wrongPassword.json().get(field)).isEqualTo(unknownEmail.json().get(field));
    }
    assertThat(wrongPassword.setCookies()).isEmpty();
  }

  @Test
  void loginRotatesTheSessionAndLogoutEndsIt() {
    String email = email();
    ShopClient browser = new ShopClient(port);
    browser.post("/api/auth/register", registration(email));
    String first = browser.cookie(CurrentCustomer.SESSION_COOKIE);

    var login =
        browser.post("/api/auth/login", Map.of("email", email, "password", "correct horse"));
    String second = browser.cookie(CurrentCustomer.SESSION_COOKIE);

    assertThat(login.status()).isEqualTo(200);
    assertThat(second).isNotEqualTo(first);
    ShopClient stale = new ShopClient(port);
    stale.setCookie(CurrentCustomer.SESSION_COOKIE, first);
    assertThat(stale.get("/api/auth/me").status()).isEqualTo(401);
    assertThat(browser.get("/api/auth/me").status()).isEqualTo(200);

    var logout = browser.post("/api/auth/logout", null);
    assertThat(logout.status()).isEqualTo(204);
    assertThat(browser.cookie(CurrentCustomer.SESSION_COOKIE)).isNull();
    ShopClient replay = new ShopClient(port);
    replay.setCookie(CurrentCustomer.SESSION_COOKIE, second);
    var me = replay.get("/api/auth/me");
    assertThat(me.status()).isEqualTo(401);
    assertThat(me.problemType()).isEqualTo("unauthenticated");
  }

  @Test
  void expiredOrForgedSessionsAreNotSignedIn() {
    String email = email();
    ShopClient browser = new ShopClient(port);
    browser.post("/api/auth/register", registration(email));
    jdbc.sql("update customer_sessions set expires_at = created_at where token_hash = ?")
        .param(Tokens.sha256(browser.cookie(CurrentCustomer.SESSION_COOKIE)))
        .update();
    assertThat(browser.get("/api/auth/me").status()).isEqualTo(401);

    ShopClient forger = new ShopClient(port);
    forger.setCookie(CurrentCustomer.SESSION_COOKIE, "A".repeat(43));
    assertThat(forger.get("/api/auth/me").status()).isEqualTo(401);
  }
}

package dev.perfshop.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.RawHttp;
import dev.perfshop.server.support.TestAdmin;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error from any layer — Tomcat's parser, the container's error dispatch, Spring MVC, a
 * handler — is {@code application/problem+json} with the request id and the security headers, and a
 * client's mistake is never a 500. Requests are written byte for byte on a raw socket so that
 * nothing on the client side repairs them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProblemsEverywhereTests {

  static final String ADMIN = TestAdmin.HEADER + ": " + TestAdmin.TOKEN + "\r\n";
  static final String JSON = "Content-Type: application/json\r\n";

  @LocalServerPort int port;

  static Stream<Arguments> clientMistakes() {
    return Stream.of(
        bad("level null", "PUT /api/admin/chaos/latency", ADMIN + JSON, "{\"level\":null}", 400),
        bad(
            "Content-Type */*",
            "PUT /api/admin/chaos/latency",
            ADMIN + "Content-Type: */*\r\n",
            "{\"level\":1}",
            415),
        bad(
            "Content-Type application/*",
            "PUT /api/admin/chaos/latency",
            ADMIN + "Content-Type: application/*\r\n",
            "{\"level\":1}",
            415),
        bad(
            "Content-Type */* on the shop",
            "POST /api/cart/items",
            "Content-Type: */*\r\n",
            "{\"productId\":1,\"quantity\":1}",
            415),
        bad("encoded slash", "GET /api/products%2F1", "", "", 400),
        bad("dot segments above the root", "GET /api/../../etc/passwd", "", "", 400),
        bad("encoded dot segments", "GET /api/%2e%2e/%2e%2e/admin/license", "", "", 400),
        bad("NUL", "GET /api/products%00", "", "", 400),
        bad("overlong UTF-8", "GET /api/%C0%AE%C0%AE/products", "", "", 400),
        bad("invalid UTF-8", "GET /api/products/%FF%FE", "", "", 400),
        bad(
            "10 KB header",
            "GET /api/products",
            "X-Big: " + "a".repeat(10 * 1024) + "\r\n",
            "",
            400),
        bad(
            "negative Content-Length",
            "POST /api/cart/items",
            JSON + "Content-Length: -1\r\n",
            "",
            400),
        bad("CR in a header", "GET /api/products", "X-Bad: a\rb\r\n", "", 400),
        bad(
            "malformed chunked body",
            "POST /api/cart/items",
            JSON + "Transfer-Encoding: chunked\r\n",
            "zz\r\nabc\r\n0\r\n\r\n",
            400),
        bad(
            "malformed chunked admin body",
            "PUT /api/admin/chaos/latency",
            ADMIN + JSON + "Transfer-Encoding: chunked\r\n",
            "zz\r\nabc\r\n0\r\n\r\n",
            400),
        bad("page path with an encoded slash", "GET /shop%2F..%2Fx", "", "", 400),
        bad("unknown API path", "GET /api/nothing-here", "", "", 404));
  }

  static Arguments bad(String name, String line, String headers, String body, int status) {
    String length =
        body.isEmpty() || headers.contains("Transfer-Encoding") || headers.contains("Length")
            ? ""
            : "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n";
    return Arguments.of(
        name,
        RawHttp.request(
            line + " HTTP/1.1", headers + length, body.getBytes(StandardCharsets.UTF_8)),
        status);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clientMistakes")
  void everyErrorIsAProblemWithTheRequestIdAndTheSecurityHeaders(
      String name, byte[] request, int status) throws Exception {
    RawHttp.Response res = RawHttp.exchange(null, port, request);

    assertThat(res.status()).as(name).isEqualTo(status);
    assertThat(res.header("Content-Type")).as(name).startsWith("application/problem+json");
    SecurityHeadersFilter.HEADERS.forEach(
        (header, value) ->
            assertThat(res.header(header)).as(name + ": " + header).isEqualTo(value));
    String id = res.header(RequestIdFilter.HEADER);
    assertThat(id).as(name + ": request id").isNotBlank();
    @SuppressWarnings("unchecked")
    Map<String, Object> problem = JsonMapper.builder().build().readValue(res.body(), Map.class);
    assertThat(problem)
        .as(name)
        .containsEntry("status", status)
        .containsEntry("requestId", id)
        .containsKeys("title", "detail");
    assertThat((String) problem.get("type")).startsWith(ProblemType.BASE);
  }
}

package dev.perfshop.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.RawHttp;
import dev.perfshop.server.support.TestAdmin;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Halt can never be locked out: real TCP clients from distinct loopback addresses (127.a.b.c, all
 * routed to lo on Linux) fail the admin token, and neither the instructor nor any client that has
 * not failed is refused for it. A context of its own, closed afterwards (the limiter's table must
 * not leak into other test classes).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "perfshop.admin.max-failures-per-minute=10",
      "logging.level.dev.perfshop.server.admin.AdminTokenInterceptor=error"
    })
@DirtiesContext
class AdminLockoutTests {

  static final int FAILING_SOURCES = FailureLimiter.MAX_CLIENTS + 500;

  @LocalServerPort int port;

  @Test
  void tenThousandFailingAddressesLockOutNeitherTheInstructorNorAnyClientThatHasNotFailed()
      throws Exception {
    Map<Integer, Integer> statuses = new TreeMap<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < FAILING_SOURCES; i++) {
        InetAddress source = loopback(1, i);
        results.add(
            pool.submit(
                () -> send(source, "GET /api/admin/license", "guess-0123456789abcdef").status()));
      }
      for (Future<Integer> r : results) {
        statuses.merge(r.get(), 1, Integer::sum);
      }
    }
    assertThat(statuses)
        .as(
            "%d distinct sources, one wrong guess each: none is refused for the others",
            FAILING_SOURCES)
        .containsExactly(Map.entry(401, FAILING_SOURCES));

    // the instructor on the machine itself, and a client from a fresh address, have not failed
    for (InetAddress innocent :
        List.of(InetAddress.getByName("127.0.0.1"), loopback(3, 1), loopback(3, 2))) {
      assertThat(send(innocent, "GET /api/admin/license", TestAdmin.TOKEN).status())
          .as("GET with the right token from %s", innocent)
          .isEqualTo(200);
      RawHttp.Response halt = send(innocent, "POST /api/admin/chaos/halt", TestAdmin.TOKEN);
      assertThat(halt.status()).as("halt from %s", innocent).isEqualTo(200);
      assertThat(halt.body()).contains("\"halted\"");
    }
  }

  @Test
  void haltWithTheRightTokenFromLoopbackWorksEvenForAThrottledAddress() throws Exception {
    InetAddress clumsy = loopback(2, 7);
    for (int i = 0; i < 10; i++) {
      assertThat(send(clumsy, "GET /api/admin/license", "typo-" + i).status()).isEqualTo(401);
    }
    RawHttp.Response throttled = send(clumsy, "GET /api/admin/license", TestAdmin.TOKEN);
    assertThat(throttled.status())
        .as("other admin routes stay throttled, right token included")
        .isEqualTo(429);
    assertThat(send(clumsy, "POST /api/admin/chaos/halt", "typo-again").status())
        .as("a wrong token at halt is still throttled")
        .isEqualTo(429);
    RawHttp.Response halt = send(clumsy, "POST /api/admin/chaos/halt", TestAdmin.TOKEN);
    assertThat(halt.status()).isEqualTo(200);
    assertThat(halt.body()).contains("\"halted\"");
  }

  /** 127.{block}.x.y, distinct for each {@code i} below 64,000 (y is never 0 or 255). */
  static InetAddress loopback(int block, int i) throws Exception {
    return InetAddress.getByAddress(
        new byte[] {127, (byte) block, (byte) (i / 250), (byte) (1 + i % 250)});
  }

  private RawHttp.Response send(InetAddress source, String requestLine, String token)
      throws Exception {
    String headers = TestAdmin.HEADER + ": " + token + "\r\n";
    boolean post = requestLine.startsWith("POST");
    if (post) {
      headers += "Content-Length: 0\r\n";
    }
    return RawHttp.exchange(
        source, port, RawHttp.request(requestLine + " HTTP/1.1", headers, new byte[0]));
  }
}

package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.TestAdmin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/** The instructor's live view, through a real HTTP Server-Sent Events connection. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProgressStreamTests {

  record Event(String name, Map<String, Object> data, long receivedNanos) {}

  @LocalServerPort int port;

  @Test
  void aSolveReachesAConnectedInstructorWithinASecond() throws Exception {
    Api api = new Api(port);
    Map<String, Object> s = api.openSession("live", "BAC1");
    api.register(s.get("id"), Api.routeEnigma("slow", "GET /api/products/{id}", List.of()));
    String agent = api.agent(s.get("joinCode"), "Nina");

    BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://localhost:"
                        + port
                        + "/api/admin/sessions/"
                        + s.get("id")
                        + "/progress/stream"))
            .header(TestAdmin.HEADER, TestAdmin.TOKEN)
            .header("Accept", "text/event-stream")
            .build();
    HttpResponse<Stream<String>> response =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    Thread reader = Thread.ofVirtual().start(() -> parse(response.body(), events));
    try {
      Event snapshot = next(events, "snapshot", Duration.ofSeconds(10));
      assertThat(snapshot.data()).containsKeys("session", "students", "enigmas", "leaderboard");

      // a first (wrong) answer warms the path up and shows attempts are streamed too
      api.answer(agent, "slow", "GET /api/categories");
      assertThat(next(events, "attempt", Duration.ofSeconds(10)).data())
          .containsEntry("nickname", "Nina")
          .containsEntry("correct", false);

      long sent = System.nanoTime();
      var solved = api.answer(agent, "slow", "GET /api/products/9");
      long answered = System.nanoTime();
      assertThat(solved.getBody()).containsEntry("solved", true);
      // functional deadline: the solve event is on the instructor's stream at most 1 s after the
      // student's answer returned (it may well arrive before)
      Event solve = next(events, "solve", Duration.ofSeconds(1));
      assertThat(solve.data())
          .containsEntry("kind", "solve")
          .containsEntry("nickname", "Nina")
          .containsEntry("enigma", "slow")
          .containsEntry("stars", 3);
      assertThat(solve.receivedNanos() - answered).isLessThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
      System.out.printf(
          "SSE solve delivered %d ms after the answer was sent%n",
          TimeUnit.NANOSECONDS.toMillis(solve.receivedNanos() - sent));
    } finally {
      response.body().close();
      reader.interrupt();
      client.close();
    }
  }

  private static Event next(BlockingQueue<Event> events, String name, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Event e = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      assertThat(e).as("event '%s' within %s", name, within).isNotNull();
      if (e.name().equals(name)) {
        return e;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void parse(Stream<String> lines, BlockingQueue<Event> events) {
    JsonMapper json = JsonMapper.builder().build();
    String[] name = {"message"};
    StringBuilder data = new StringBuilder();
    try {
      lines.forEach(
          line -> {
            if (line.startsWith("event:")) {
              name[0] = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
              data.append(line.substring(5));
            } else if (line.isEmpty() && !data.isEmpty()) {
              events.add(
                  new Event(
                      name[0], json.readValue(data.toString(), Map.class), System.nanoTime()));
              name[0] = "message";
              data.setLength(0);
            }
          });
    } catch (RuntimeException closed) {
      // the test closed the stream
    }
  }
}

package dev.perfshop.server.pedagogy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live progress for instructors over Server-Sent Events. Each subscriber gets a {@code snapshot}
 * first, then every {@link ProgressEvent} of its session as it commits, and a comment every 15 s so
 * dead connections are noticed. Sending happens on one dedicated thread, never on the request
 * thread of the student who solved something, so a slow instructor connection slows nobody.
 */
@Component
class ProgressHub {

  static final long TIMEOUT_MS = Duration.ofMinutes(30).toMillis();
  static final int MAX_SUBSCRIBERS_PER_SESSION = 20;

  private final Map<Long, List<SseEmitter>> subscribers = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sender =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "pedagogy-sse");
            t.setDaemon(true);
            return t;
          });

  ProgressHub() {
    sender.scheduleWithFixedDelay(this::heartbeat, 15, 15, TimeUnit.SECONDS);
  }

  SseEmitter subscribe(long sessionId, Object snapshot) {
    List<SseEmitter> list =
        subscribers.computeIfAbsent(sessionId, id -> new CopyOnWriteArrayList<>());
    if (list.size() >= MAX_SUBSCRIBERS_PER_SESSION) {
      throw new dev.perfshop.server.system.ApiException(
          dev.perfshop.server.system.ProblemType.TOO_MANY_REQUESTS,
          "at most " + MAX_SUBSCRIBERS_PER_SESSION + " live views per session",
          Map.of("retryAfterSeconds", 30));
    }
    SseEmitter emitter = new SseEmitter(TIMEOUT_MS);
    emitter.onCompletion(() -> list.remove(emitter));
    emitter.onTimeout(() -> list.remove(emitter));
    emitter.onError(e -> list.remove(emitter));
    try {
      emitter.send(
          SseEmitter.event()
              .name("snapshot")
              .reconnectTime(2000)
              .data(snapshot, MediaType.APPLICATION_JSON));
    } catch (IOException e) {
      emitter.completeWithError(e);
      return emitter;
    }
    list.add(emitter);
    return emitter;
  }

  int subscribers(long sessionId) {
    return subscribers.getOrDefault(sessionId, List.of()).size();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(ProgressEvent event) {
    List<SseEmitter> list = subscribers.get(event.sessionId());
    if (list == null || list.isEmpty()) {
      return;
    }
    sender.execute(
        () -> {
          for (SseEmitter emitter : list) {
            try {
              emitter.send(
                  SseEmitter.event().name(event.kind()).data(event, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
              list.remove(emitter);
            }
          }
        });
  }

  private void heartbeat() {
    subscribers
        .values()
        .forEach(
            list ->
                list.forEach(
                    emitter -> {
                      try {
                        emitter.send(SseEmitter.event().comment("keep-alive"));
                      } catch (IOException | IllegalStateException e) {
                        list.remove(emitter);
                      }
                    }));
  }

  /** Open streams end with the application, so a graceful shutdown does not wait for them. */
  @EventListener(ContextClosedEvent.class)
  void closeAll() {
    subscribers.values().forEach(list -> list.forEach(SseEmitter::complete));
    subscribers.clear();
    sender.shutdownNow();
  }
}

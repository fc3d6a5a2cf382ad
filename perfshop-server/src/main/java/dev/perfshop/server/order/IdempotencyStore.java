package dev.perfshop.server.order;

import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotency keys of checkout, one row per (owner, key). A request first <em>claims</em> its key
 * in a short transaction of its own: the unique constraint lets exactly one of several concurrent
 * requests win; the others see the row and get 409 (still running) or, when it is finished, its
 * stored result (same payload) or 422 (other payload). The winner completes the row in the same
 * transaction as the order, so an order and its key's result are committed together.
 */
@Component
class IdempotencyStore {

  static final String IN_PROGRESS = "IN_PROGRESS";
  static final String SUCCEEDED = "SUCCEEDED";
  static final String FAILED = "FAILED";

  /** A claim left in progress longer than this (a crashed server) may be taken over. */
  static final Duration LEASE = Duration.ofMinutes(2);

  sealed interface Claim permits Claimed, Replay {}

  /** The right to run the request; {@code token} proves it was not taken over since. */
  record Claimed(long id, String token) implements Claim {}

  /** A finished request: its status and JSON body (a success) or its problem (a failure). */
  record Replay(String state, int status, String body) implements Claim {}

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;

  IdempotencyStore(JdbcClient jdbc, JsonMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public Claim claim(String owner, String key, String requestHash) {
    Instant now = clock.instant();
    String token = UUID.randomUUID().toString();
    try {
      jdbc.sql(
              """
              insert into idempotency_keys
                (owner, idem_key, request_hash, state, claim_token, claimed_at)
              values (:owner, :key, :hash, 'IN_PROGRESS', :token, :now)
              """)
          .param("owner", owner)
          .param("key", key)
          .param("hash", requestHash)
          .param("token", token)
          .param("now", Timestamp.from(now))
          .update();
    } catch (DataIntegrityViolationException duplicate) {
      return existing(owner, key, requestHash, now);
    }
    long id =
        jdbc.sql("select id from idempotency_keys where owner = :owner and idem_key = :key")
            .param("owner", owner)
            .param("key", key)
            .query(Long.class)
            .single();
    return new Claimed(id, token);
  }

  private Claim existing(String owner, String key, String requestHash, Instant now) {
    Row row =
        jdbc.sql(
                """
                select id, request_hash, state, response_status, response_body, claim_token,
                       claimed_at
                from idempotency_keys where owner = :owner and idem_key = :key
                """)
            .param("owner", owner)
            .param("key", key)
            .query(
                (rs, n) ->
                    new Row(
                        rs.getLong("id"),
                        rs.getString("request_hash"),
                        rs.getString("state"),
                        rs.getInt("response_status"),
                        rs.getString("response_body"),
                        rs.getString("claim_token"),
                        rs.getTimestamp("claimed_at").toInstant()))
            .single();
    if (!row.requestHash().equals(requestHash)) {
      throw new ApiException(
          ProblemType.UNPROCESSABLE,
          "this Idempotency-Key was used with another request body; use a new key",
          Map.of("reason", "idempotency-key-reused"));
    }
    if (!row.state().equals(IN_PROGRESS)) {
      return new Replay(row.state(), row.status(), row.body());
    }
    if (row.claimedAt().isBefore(now.minus(LEASE))) {
      String token = UUID.randomUUID().toString();
      if (takeOver(row, token, now)) {
        return new Claimed(row.id(), token);
      }
    }
    throw new ApiException(
        ProblemType.CONFLICT,
        "a request with this Idempotency-Key is still being processed; retry later",
        Map.of("reason", "idempotency-key-in-use"));
  }

  private boolean takeOver(Row row, String token, Instant now) {
    return jdbc.sql(
                """
                update idempotency_keys set claim_token = :token, claimed_at = :now
                where id = :id and state = 'IN_PROGRESS' and claim_token = :old
                """)
            .param("token", token)
            .param("now", Timestamp.from(now))
            .param("id", row.id())
            .param("old", row.claimToken())
            .update()
        == 1;
  }

  /**
   * Completes a claim with a success, inside the caller's (the order's) transaction. If the claim
   * was taken over meanwhile (this request outlived its lease), the order must not commit: a 409
   * rolls it back, and the request that holds the claim now decides the key's result.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void succeed(Claimed claim, int status, String body, long orderId) {
    if (complete(claim, SUCCEEDED, status, body, orderId) == 0) {
      throw new ApiException(
          ProblemType.CONFLICT,
          "this request took too long and its Idempotency-Key was taken over; nothing was ordered",
          Map.of("reason", "idempotency-key-in-use"));
    }
  }

  /**
   * Completes a claim with a client error (out of stock, declined…), after the order rolled back.
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void fail(Claimed claim, ApiException problem) {
    Map<String, Object> stored =
        Map.of(
            "type", problem.type().name(),
            "detail", problem.getMessage(),
            "extensions", problem.extensions());
    complete(claim, FAILED, problem.type().status().value(), json.writeValueAsString(stored), null);
  }

  /** Forgets a claim whose request failed unexpectedly, so the client may retry with the key. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void release(Claimed claim) {
    jdbc.sql(
            """
            delete from idempotency_keys
            where id = :id and state = 'IN_PROGRESS' and claim_token = :token
            """)
        .param("id", claim.id())
        .param("token", claim.token())
        .update();
  }

  /** The stored failure of a replay, rebuilt as the exception that produced it. */
  ApiException problemOf(Replay replay) {
    Map<String, Object> stored = json.readValue(replay.body(), new TypeReference<>() {});
    @SuppressWarnings("unchecked")
    Map<String, Object> extensions =
        (Map<String, Object>) Optional.ofNullable(stored.get("extensions")).orElse(Map.of());
    return new ApiException(
        ProblemType.valueOf((String) stored.get("type")),
        (String) stored.get("detail"),
        extensions);
  }

  @Transactional
  public int deleteAll() {
    return jdbc.sql("delete from idempotency_keys").update();
  }

  private int complete(Claimed claim, String state, int status, String body, Long orderId) {
    return jdbc.sql(
            """
            update idempotency_keys
            set state = :state, response_status = :status, response_body = :body,
                order_id = :order, completed_at = :now
            where id = :id and state = 'IN_PROGRESS' and claim_token = :token
            """)
        .param("state", state)
        .param("status", status)
        .param("body", body)
        .param("order", orderId)
        .param("now", Timestamp.from(clock.instant()))
        .param("id", claim.id())
        .param("token", claim.token())
        .update();
  }

  private record Row(
      long id,
      String requestHash,
      String state,
      int status,
      String body,
      String claimToken,
      Instant claimedAt) {}
}

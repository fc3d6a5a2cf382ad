package dev.perfshop.server.chaos;

/**
 * Which traffic an activation affects: all of it, one class session, or one student agent. Until
 * the pedagogy feature issues ids, a request names its session and agent with the {@code
 * X-Perfshop-Session} / {@code X-Perfshop-Agent} headers or the {@code perfshop_session} / {@code
 * perfshop_agent} cookies (see docs/chaos.md).
 */
public record Scope(Kind kind, String id) {

  public enum Kind {
    ALL,
    SESSION,
    AGENT
  }

  public static final Scope ALL = new Scope(Kind.ALL, null);

  boolean matches(String sessionId, String agentCode) {
    return switch (kind) {
      case ALL -> true;
      case SESSION -> id.equals(sessionId);
      case AGENT -> id.equals(agentCode);
    };
  }
}

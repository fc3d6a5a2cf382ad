package dev.perfshop.server.system.policy;

/**
 * Which traffic an activation affects: all of it, one class session, or one student agent. A
 * request names its agent with {@code X-Agent-Code} (pedagogy's header), {@code X-Perfshop-Agent}
 * or the {@code perfshop_agent} cookie, and its session with {@code X-Perfshop-Session} or the
 * {@code perfshop_session} cookie (see docs/chaos.md).
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

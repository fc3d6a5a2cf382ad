package dev.perfshop.server.support;

/**
 * The instructor token every Spring test context is configured with (see
 * src/test/resources/application.properties). Test-only: never a valid token anywhere else.
 */
public final class TestAdmin {

  public static final String HEADER = "X-Admin-Token";
  public static final String TOKEN = "test-only-admin-token-7f3c9a1e5b2d4f60";

  private TestAdmin() {}
}

package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfshop.server.PerfShopApplication;
import dev.perfshop.server.support.TestAdmin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Progress survives a server restart: two servers, one after the other, on the same H2 file
 * database and data folder (the embedded topology).
 */
class AgentRestartTests {

  @TempDir Path dir;

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(PerfShopApplication.class)
        .run(
            "--server.port=0",
            "--perfshop.data-dir=" + dir,
            "--spring.datasource.url=jdbc:h2:file:"
                + dir.resolve("db/perfshop")
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "--perfshop.admin.token=" + TestAdmin.TOKEN,
            "--logging.structured.format.console=");
  }

  private static Api api(ConfigurableApplicationContext context) {
    return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
  }

  @Test
  void agentCodeRestoresProgressAfterARestart() throws Exception {
    String agent;
    Object sessionId;
    try (ConfigurableApplicationContext first = start()) {
      Api api = api(first);
      Map<String, Object> s = api.openSession("restart", "BAC2");
      sessionId = s.get("id");
      api.register(sessionId, Api.routeEnigma("one", "GET /api/products/{id}", List.of("h1")));
      api.register(sessionId, Api.routeEnigma("two", "GET /api/categories", List.of("h1", "h2")));
      agent = api.agent(s.get("joinCode"), "Hopper");
      assertThat(api.answer(agent, "one", "GET /api/products/1").getBody())
          .containsEntry("stars", 3);
      assertThat(api.hint(agent, "two").getBody()).containsEntry("starsAvailable", 2);
    }
    Path key = dir.resolve(InstallKey.FILE_NAME);
    assertThat(Files.size(key)).isEqualTo(32);
    if (key.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
          .isEqualTo("rw-------");
    }

    try (ConfigurableApplicationContext second = start()) {
      Api api = api(second);
      assertThat(api.me(agent).getBody())
          .containsEntry("nickname", "Hopper")
          .containsEntry("stars", 3)
          .containsEntry("solved", 1);
      assertThat(api.enigma(agent, "one")).containsEntry("solved", true).containsEntry("stars", 3);
      assertThat(api.enigma(agent, "two"))
          .containsEntry("hintsTaken", 1)
          .containsEntry("hints", List.of("h1"));
      // answers registered before the restart still verify (same install key)
      assertThat(api.answer(agent, "two", "GET /api/categories").getBody())
          .containsEntry("solved", true)
          .containsEntry("stars", 2);
      assertThat(api.admin("GET", "/api/admin/sessions/" + sessionId, null).getBody())
          .containsEntry("studentPage", "open")
          .containsEntry("students", 1);
    }
  }

  @Test
  void aLostKeyFileStopsTheServerInsteadOfSilentlyVoidingEveryCode() throws Exception {
    try (ConfigurableApplicationContext first = start()) {
      api(first).openSession("key", "BAC1");
    }
    Files.delete(dir.resolve(InstallKey.FILE_NAME));
    assertThatThrownBy(this::start)
        .hasStackTraceContaining("is not the one this database was used with");
  }
}

package dev.perfshop.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.support.Cli;
import dev.perfshop.cli.support.Cli.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Precedence of the server URL and admin token: flags, environment, user config file, lab
 * workspace, default; checked through {@code perfshop config show -o json}.
 */
class ConfigResolutionTests {

  @TempDir Path temp;
  private Cli cli;
  private Path configFile;
  private Path labDir;

  @BeforeEach
  void setUp() throws IOException {
    configFile = temp.resolve("cfg/config.properties");
    labDir = Files.createDirectories(temp.resolve("course/.perfshop"));
    Path sub = Files.createDirectories(temp.resolve("course/scenarios/bac2"));
    cli = new Cli(temp).workingDir(sub).env("PERFSHOP_CONFIG", configFile.toString());
  }

  private JsonNode show(String... flags) {
    String[] args = new String[flags.length + 4];
    System.arraycopy(flags, 0, args, 0, flags.length);
    System.arraycopy(new String[] {"config", "show", "-o", "json"}, 0, args, flags.length, 4);
    Result r = cli.run(args);
    assertThat(r.code()).as(r.toString()).isZero();
    return Json.parse(r.out().getBytes(StandardCharsets.UTF_8));
  }

  private void lab(String url, String tokenFile) throws IOException {
    Files.writeString(
        labDir.resolve("lab.properties"), "url=" + url + "\nadmin-token-file=" + tokenFile + "\n");
  }

  @Test
  void withNothingConfiguredTheDefaultUrlWinsAndNoTokenIsSet() {
    JsonNode json = show();

    assertThat(json.path("url").path("value").asString()).isEqualTo("http://localhost:8080");
    assertThat(json.path("url").path("source").asString()).isEqualTo("default");
    assertThat(json.path("adminToken").path("set").asBoolean()).isFalse();
  }

  @Test
  void theLabWorkspaceIsFoundFromASubdirectoryAndItsTokenFileIsRelativeToIt() throws IOException {
    Files.writeString(labDir.resolve("admin-token"), "lab-token-0123456789abcdef0123456789");
    lab("http://localhost:18080", "admin-token");

    JsonNode json = show();

    assertThat(json.path("url").path("value").asString()).isEqualTo("http://localhost:18080");
    assertThat(json.path("url").path("source").asString()).isEqualTo("lab-workspace");
    assertThat(json.path("adminToken").path("source").asString()).isEqualTo("lab-workspace");
    assertThat(json.path("labWorkspace").path("path").asString()).isEqualTo(labDir.toString());
    assertThat(json.path("labWorkspace").path("labProperties").asString())
        .isEqualTo(labDir.resolve("lab.properties").toString());
  }

  @Test
  void withoutLabPropertiesTheTokenOfAnEmbeddedServerStartedThereIsUsed() throws IOException {
    Path data = Files.createDirectories(labDir.resolve("data"));
    Files.writeString(data.resolve("admin-token"), "embedded-token-0123456789abcdef0123\n");

    JsonNode json = show();

    assertThat(json.path("url").path("source").asString()).isEqualTo("default");
    assertThat(json.path("adminToken").path("set").asBoolean()).isTrue();
    assertThat(json.path("adminToken").path("source").asString()).isEqualTo("lab-workspace");
    assertThat(json.path("adminToken").path("origin").asString())
        .isEqualTo(data.resolve("admin-token").toString());
  }

  @Test
  void theUserConfigBeatsTheLabAndIsWrittenByConfigSet() throws IOException {
    lab("http://localhost:18080", "admin-token");
    Path tokenFile =
        Files.writeString(temp.resolve("my-token"), "user-token-0123456789abcdef012345");

    assertThat(cli.run("config", "set", "url", "http://lab.example:9000/").code()).isZero();
    assertThat(cli.run("config", "set", "admin-token-file", tokenFile.toString()).code()).isZero();
    JsonNode json = show();

    assertThat(json.path("url").path("value").asString()).isEqualTo("http://lab.example:9000");
    assertThat(json.path("url").path("source").asString()).isEqualTo("user-config");
    assertThat(json.path("adminToken").path("source").asString()).isEqualTo("user-config");
    assertThat(Files.readString(configFile)).contains("url=http\\://lab.example\\:9000");
  }

  @Test
  void theEnvironmentBeatsTheConfigFileAndFlagsBeatEverything() {
    cli.run("config", "set", "url", "http://from-config:1");
    cli.env("PERFSHOP_URL", "http://from-env:2")
        .env("PERFSHOP_ADMIN_TOKEN", "env-token-0123456789abcdef0123456");

    JsonNode env = show();
    JsonNode flag = show("--url", "http://from-flag:3");

    assertThat(env.path("url").path("value").asString()).isEqualTo("http://from-env:2");
    assertThat(env.path("url").path("source").asString()).isEqualTo("environment");
    assertThat(env.path("adminToken").path("origin").asString()).isEqualTo("PERFSHOP_ADMIN_TOKEN");
    assertThat(flag.path("url").path("value").asString()).isEqualTo("http://from-flag:3");
    assertThat(flag.path("url").path("source").asString()).isEqualTo("flag");
  }

  @Test
  void configShowNeverPrintsTheTokenInTextOrJson() {
    String token = "very-secret-token-0123456789abcdef0123";
    cli.env("PERFSHOP_ADMIN_TOKEN", token);

    Result text = cli.run("config", "show");
    Result json = cli.run("config", "show", "-o", "json");

    assertThat(text.out())
        .contains("set (" + token.length() + " characters)")
        .doesNotContain(token);
    assertThat(json.out()).doesNotContain(token);
  }

  @Test
  void anExplicitTokenFlagWorksButWarnsAboutShellHistory() {
    Result r = cli.run("--admin-token", "typed-token-0123456789abcdef012345", "config", "show");

    assertThat(r.code()).isZero();
    assertThat(r.err()).startsWith("warning: --admin-token puts the token in your shell history");
    assertThat(r.out()).contains("flag --admin-token").doesNotContain("typed-token-");
  }

  @Test
  void theConfigFileNeverStoresATokenValue() {
    Result r = cli.run("config", "set", "admin-token", "abc");

    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("never stored in the config file");
    assertThat(configFile).doesNotExist();
  }

  @Test
  void anInvalidUrlIsAUsageErrorNamingItsSource() {
    cli.env("PERFSHOP_URL", "localhost:8080");

    Result r = cli.run("chaos", "status");

    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).startsWith("error: invalid server URL 'localhost:8080' from PERFSHOP_URL");
  }

  @Test
  void unsetRemovesTheKey() throws IOException {
    cli.run("config", "set", "url", "http://from-config:1");

    assertThat(cli.run("config", "unset", "url").code()).isZero();

    assertThat(Files.readString(configFile)).doesNotContain("url=");
    assertThat(show().path("url").path("source").asString()).isEqualTo("default");
  }
}

package dev.perfshop.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.cli.support.FakeServer;
import dev.perfshop.cli.support.Tmux;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perfshop shell} in a real pseudo-terminal (tmux): a command and its output, completion of
 * commands, options and chaos types (from the server's catalogue), Ctrl-C, an error that does not
 * end the shell, a token kept out of history, and quitting.
 */
class ShellTerminalTests {

  @TempDir Path temp;
  private FakeServer server;
  private Tmux tmux;

  @BeforeEach
  void start() throws IOException {
    server =
        new FakeServer()
            .json(
                "GET",
                "/api/admin/chaos/catalog",
                200,
                "[{\"type\":\"latency\",\"family\":\"performance\"},"
                    + "{\"type\":\"cpu-burn\",\"family\":\"performance\"}]")
            .json(
                "GET",
                "/api/admin/chaos",
                200,
                "{\"safetyMode\":\"classroom\",\"activations\":[{\"type\":\"latency\","
                    + "\"family\":\"performance\",\"level\":3,\"remainingSeconds\":90}]}");
    Path token = Files.writeString(temp.resolve("token"), "shell-test-token-0123456789abcdef01");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        String.join(
            " ",
            "env",
            "HOME=" + temp,
            "PERFSHOP_URL=" + server.url(),
            "PERFSHOP_ADMIN_TOKEN_FILE=" + token,
            "PERFSHOP_CONFIG=" + temp.resolve("config.properties"),
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.perfshop.cli.PerfShopCli",
            "shell;",
            "echo SHELL-EXITED=$?;",
            "sleep 60");
    tmux = Tmux.start(command, 160, 50);
  }

  @AfterEach
  void stop() {
    if (tmux != null) {
      tmux.close();
    }
    server.close();
  }

  @Test
  void typeCompleteCancelFailAndQuitInARealTerminal() throws IOException {
    tmux.awaitText("perfshop> ");

    // completion of a subcommand, then the command runs and prints its table
    tmux.keys("chaos sta", "Tab");
    tmux.awaitText("perfshop> chaos status");
    tmux.keys("Enter");
    tmux.awaitText("safety mode: classroom");
    String screen = tmux.awaitText("1m30s");
    assertThat(screen).contains("TYPE").contains("latency");

    // completion of an option and of a chaos type from the server's catalogue
    tmux.keys("chaos enable --lev", "Tab");
    tmux.awaitText("chaos enable --level");
    tmux.keys("C-u", "chaos disable cp", "Tab");
    tmux.awaitText("perfshop> chaos disable cpu-burn");

    // Ctrl-C cancels the line: nothing is sent
    tmux.keys("C-c");
    tmux.await(
        "a fresh prompt after Ctrl-C",
        s -> s.strip().endsWith("perfshop>"),
        Duration.ofSeconds(10));
    assertThat(server.requests()).noneMatch(r -> r.method().equals("DELETE"));

    // a failing command prints the server's problem and the shell goes on
    tmux.keys("chaos enable nope --level 1", "Enter");
    tmux.awaitText("error: Not found: no route /api/admin/chaos/nope");
    tmux.keys("chaos status --admin-token typed-secret-0123456789", "Enter");
    tmux.awaitText("kept out of the shell's history");

    tmux.keys("exit", "Enter");
    tmux.awaitText("SHELL-EXITED=0");

    String history = Files.readString(temp.resolve("history"));
    assertThat(history).contains("chaos status").contains("chaos enable nope --level 1");
    assertThat(history).doesNotContain("typed-secret").doesNotContain("--admin-token ");
  }
}

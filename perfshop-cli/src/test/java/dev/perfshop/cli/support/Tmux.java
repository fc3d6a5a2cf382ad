package dev.perfshop.cli.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A program running in a pseudo-terminal under a private tmux server: type keys, read the screen. A
 * missing tmux skips locally and fails under {@code CI=true}.
 */
public final class Tmux implements AutoCloseable {

  private final String socket =
      "perfshop-cli-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
  private final String session = "t";

  private Tmux() {}

  public static Tmux start(String shellCommand, int width, int height) {
    RealParts.require(available(), "tmux", "apt-get install tmux (.ci/run installs it)");
    Tmux tmux = new Tmux();
    tmux.run(
        "new-session",
        "-d",
        "-s",
        tmux.session,
        "-x",
        String.valueOf(width),
        "-y",
        String.valueOf(height),
        shellCommand);
    return tmux;
  }

  static boolean available() {
    try {
      return new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** tmux send-keys: literal text and key names such as Tab, Enter, C-c. */
  public Tmux keys(String... keys) {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
    args.addAll(List.of(keys));
    run(args.toArray(String[]::new));
    return this;
  }

  /** The visible screen and its scrollback. */
  public String screen() {
    return run("capture-pane", "-p", "-J", "-t", session, "-S", "-200");
  }

  /** Waits until the screen satisfies {@code condition}; fails with the screen otherwise. */
  public String await(String what, Predicate<String> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String screen = "";
    while (System.nanoTime() < deadline) {
      screen = screen();
      if (condition.test(screen)) {
        return screen;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return fail("timed out waiting for " + what + "; screen:\n" + screen);
  }

  public String awaitText(String text) {
    return await("'" + text + "'", s -> s.contains(text), Duration.ofSeconds(30));
  }

  private String run(String... args) {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0 && !args[0].equals("kill-server")) {
        fail("tmux " + String.join(" ", args) + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    run("kill-server");
  }
}

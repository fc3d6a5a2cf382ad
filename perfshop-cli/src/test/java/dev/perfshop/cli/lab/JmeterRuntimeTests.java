package dev.perfshop.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JMeter runtime is found in a checkout and mirrored exactly into a jmeter build context. */
class JmeterRuntimeTests {

  @TempDir Path tmp;

  @Test
  void isFoundFromAnyFolderOfACheckoutOnlyWhenItsLauncherIsThere() throws IOException {
    Path checkout = tmp.resolve("checkout");
    Path runtime = Files.createDirectories(checkout.resolve(JmeterRuntime.CHECKOUT_PATH));
    Path deep = Files.createDirectories(checkout.resolve("docs/sub"));
    assertThat(JmeterRuntime.find(deep)).isEmpty();

    write(runtime.resolve(JmeterRuntime.LAUNCHER), "launcher");
    assertThat(JmeterRuntime.find(deep)).contains(new JmeterRuntime(runtime));
    assertThat(JmeterRuntime.find(checkout)).contains(new JmeterRuntime(runtime));
  }

  @Test
  void stagingMirrorsTheRuntimeAndDropsFilesItNoLongerHas() throws IOException {
    Path runtime = tmp.resolve("runtime-src");
    write(runtime.resolve("bin/ApacheJMeter.jar"), "launcher");
    write(runtime.resolve("lib/old-1.0.jar"), "old");
    write(runtime.resolve("lib/ext/ApacheJMeter_http.jar"), "http v1");
    Path context = Files.createDirectories(tmp.resolve("context"));
    write(context.resolve("Dockerfile"), "FROM x");
    assertThat(JmeterRuntime.stagedIn(context)).isFalse();

    new JmeterRuntime(runtime).stageInto(context);
    assertThat(JmeterRuntime.stagedIn(context)).isTrue();
    assertThat(files(context.resolve("runtime")))
        .containsExactly(
            "bin/ApacheJMeter.jar", "lib/ext/ApacheJMeter_http.jar", "lib/old-1.0.jar");

    // A new build of the runtime: a dependency upgraded, a component changed.
    Files.delete(runtime.resolve("lib/old-1.0.jar"));
    write(runtime.resolve("lib/new-2.0.jar"), "new");
    Files.delete(runtime.resolve("lib/ext/ApacheJMeter_http.jar"));
    write(runtime.resolve("lib/ext/ApacheJMeter_http.jar"), "http v2, longer");
    new JmeterRuntime(runtime).stageInto(context);

    assertThat(files(context.resolve("runtime")))
        .containsExactly(
            "bin/ApacheJMeter.jar", "lib/ext/ApacheJMeter_http.jar", "lib/new-2.0.jar");
    assertThat(context.resolve("runtime/lib/ext/ApacheJMeter_http.jar"))
        .hasContent("http v2, longer");
    assertThat(context.resolve("Dockerfile")).hasContent("FROM x");
  }

  static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }
}

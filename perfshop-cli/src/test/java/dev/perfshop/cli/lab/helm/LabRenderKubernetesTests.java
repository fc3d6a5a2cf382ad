package dev.perfshop.cli.lab.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perfshop lab render --target kubernetes|helm} as a user runs it outside a checkout: the
 * chart comes from the CLI's own resources, the manifests from Helm's library (no helm binary), and
 * every rendered object passes the strict Kubernetes API check.
 */
class LabRenderKubernetesTests {

  @TempDir Path tmp;

  Cli cli() {
    // Working folder in a temp dir: no deploy/helm/perfshop above it.
    return new Cli(tmp);
  }

  @Test
  void kubernetesManifestsFor1And10GroupsFromTheCliChartAreStrictlyValid() throws IOException {
    for (int n : new int[] {1, 10}) {
      Path out = tmp.resolve("school-" + n);
      Cli.Result r =
          cli()
              .run(
                  "lab",
                  "render",
                  "--target",
                  "kubernetes",
                  "--groups",
                  String.valueOf(n),
                  "--out",
                  out.toString());
      assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
      assertThat(r.out())
          .contains("kubectl apply -f " + out.resolve("manifests.yaml"))
          .contains("kubectl create -f " + out.resolve("secrets.yaml"));

      // The chart copied out is the checkout's chart, file for file.
      try (var files = Files.walk(HelmChartTests.CHART)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          assertThat(out.resolve("chart").resolve(HelmChartTests.CHART.relativize(f).toString()))
              .hasSameBinaryContentAs(f);
        }
      }

      List<Map<String, Object>> manifests =
          HelmChartTests.manifests(Files.readString(out.resolve("manifests.yaml")));
      List<Map<String, Object>> secrets =
          HelmChartTests.manifests(Files.readString(out.resolve("secrets.yaml")));
      for (var m : manifests) {
        KubeSchema.validate(m);
        assertThat(m.get("kind")).isNotEqualTo("Secret");
      }
      for (var m : secrets) {
        KubeSchema.validate(m);
        assertThat(m.get("kind")).isEqualTo("Secret");
      }
      List<String> groups = HelmChartTests.groups(n);
      assertThat(
              secrets.stream()
                  .map(m -> (String) HelmChartTests.meta(m).get("namespace"))
                  .collect(Collectors.toSet()))
          .as("each group's Secret; the admin token copies and the instructor Grafana's")
          .isEqualTo(
              Stream.concat(groups.stream().map(g -> "perfshop-" + g), Stream.of("perfshop-lab"))
                  .collect(Collectors.toSet()));
      assertThat(secrets).hasSize(2 * n + 1);
      assertThat(
              manifests.stream()
                  .filter(m -> "Namespace".equals(m.get("kind")))
                  .map(m -> (String) HelmChartTests.meta(m).get("name"))
                  .collect(Collectors.toSet()))
          .containsAll(groups.stream().map(g -> "perfshop-" + g).toList());
      assertThat(manifests.stream().filter(m -> "Deployment".equals(m.get("kind"))).count())
          .as("per group: mysql, server, nginx, grafana; shared: 3 backends, 2 instructor's")
          .isEqualTo(4L * n + 5);
      // The secrets and the licence are readable by their owner only.
      assertThat(Files.getPosixFilePermissions(out.resolve("secrets.yaml")))
          .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
      assertThat(Files.getPosixFilePermissions(out.resolve("values.yaml")))
          .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }
  }

  @Test
  void helmTargetWritesTheCliChartAndValues() throws IOException {
    Path out = tmp.resolve("helm");
    Cli.Result r =
        cli().run("lab", "render", "--target", "helm", "--groups", "3", "--out", out.toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("helm upgrade --install perfshop " + out.resolve("chart"));
    assertThat(out.resolve("chart/Chart.yaml"))
        .hasSameTextualContentAs(HelmChartTests.CHART.resolve("Chart.yaml"));
    assertThat(out.resolve("chart/templates/group.yaml")).exists();
    assertThat(Files.readString(out.resolve("values.yaml"))).contains("- \"g03\"");
  }

  @Test
  void badInputIsAUsageErrorAndWritesNothing() {
    Path out = tmp.resolve("bad");
    Cli.Result r =
        cli().run("lab", "render", "--target", "nomad", "--groups", "2", "--out", out.toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("error: --target must be helm, kubernetes or swarm");
    assertThat(out).doesNotExist();

    Cli.Result notAChart =
        cli()
            .run(
                "lab",
                "render",
                "--target",
                "kubernetes",
                "--chart",
                tmp.toString(),
                "--out",
                out.toString());
    assertThat(notAChart.code()).as(notAChart.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(notAChart.err()).contains("error: ").contains("is not a Helm chart");
    assertThat(out).doesNotExist();
  }
}

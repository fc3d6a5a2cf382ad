package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.license.LabLicense;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code perfshop lab render --target helm|kubernetes|swarm --groups N --out DIR}: the lab for
 * several class groups beyond one Docker host (docs/scale.md).
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description =
        "Render a lab of N class groups for Helm (chart + values), Kubernetes (manifests, via helm template) or Docker Swarm (one stack per group).")
public final class LabRenderCommand implements Callable<Integer> {

  static final String CHART = "deploy/helm/perfshop";

  @Spec CommandSpec spec;

  @Option(names = "--target", required = true, description = "helm, kubernetes or swarm.")
  String target;

  @Option(names = "--groups", defaultValue = "1", description = "Class groups (default: 1).")
  int groups;

  @Option(names = "--out", required = true, description = "Output folder.")
  Path out;

  @Option(
      names = "--images",
      description = "Image override file: 'upstream = local' per line (offline classrooms).")
  Path images;

  @Option(names = "--templates", description = "Compose templates folder (default: the CLI's).")
  Path templates;

  @Option(
      names = "--chart",
      description = "The Helm chart folder (default: " + CHART + " of the checkout).")
  Path chart;

  @Option(
      names = "--port-offset",
      defaultValue = "0",
      description = "swarm: ports of group i are the lab ports + offset + 1000*i (default: 0).")
  int portOffset;

  @Override
  public Integer call() throws IOException {
    List<String> names = SwarmLab.groupNames(groups);
    ImageOverrides overrides = images == null ? ImageOverrides.none() : ImageOverrides.read(images);
    Templates t =
        templates != null ? Templates.fromDirectory(templates) : Templates.fromClasspath();
    PrintWriter o = spec.commandLine().getOut();
    switch (target) {
      case "swarm" -> {
        var rendered =
            SwarmLab.render(
                t,
                overrides,
                out.toAbsolutePath(),
                "default",
                groups,
                portOffset,
                LabCommand.version());
        for (var g : rendered) {
          o.println(
              "docker stack deploy --resolve-image never -c "
                  + g.dir().resolve("stack.yaml")
                  + " "
                  + g.stack());
        }
      }
      case "helm", "kubernetes" -> {
        Path chartDir = chart != null ? chart : findChart();
        Path target = out.toAbsolutePath().resolve("chart");
        copyTree(chartDir, target);
        Path values = out.toAbsolutePath().resolve("values.yaml");
        Files.writeString(
            values, values(names, t, overrides, out.toAbsolutePath().resolve("licence")));
        Workspace.restrict(values);
        if ("helm".equals(this.target)) {
          o.println(
              "helm upgrade --install perfshop "
                  + target
                  + " -f "
                  + values
                  + " --namespace perfshop-lab --create-namespace");
        } else {
          Path manifests = out.toAbsolutePath().resolve("manifests.yaml");
          helmTemplate(target, values, manifests);
          o.println("kubectl create namespace perfshop-lab; kubectl apply -f " + manifests);
        }
      }
      default ->
          throw new LabException(
              ExitCodes.USAGE, "--target must be helm, kubernetes or swarm, got '" + target + "'");
    }
    o.flush();
    return ExitCodes.OK;
  }

  /** The values of a school: groups, images after overrides, the lab licence. */
  static String values(List<String> names, Templates t, ImageOverrides overrides, Path licenceDir)
      throws IOException {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("groups", names);
    Map<String, String> images = new LinkedHashMap<>();
    t.images()
        .forEach(
            (var, ref) -> {
              if (List.of(
                      "SERVER_IMAGE",
                      "MYSQL_IMAGE",
                      "NGINX_IMAGE",
                      "PROMETHEUS_IMAGE",
                      "GRAFANA_IMAGE",
                      "TEMPO_IMAGE",
                      "PYROSCOPE_IMAGE")
                  .contains(var)) {
                images.put(var, overrides.apply(var, ref));
              }
            });
    values.put("images", images);
    values.put(
        "licence",
        Map.of(
            "trustedKey", LabLicense.publicKeyLine(licenceDir),
            "file", Base64.getEncoder().encodeToString(LabLicense.issue(licenceDir))));
    return "# Rendered by perfshop lab render: the lab key is in licence/ beside this file.\n"
        + YAMLMapper.builder().build().writeValueAsString(values).replaceFirst("^---\\n", "");
  }

  /** {@code helm template} with the helm binary on PATH (the CLI ships no Helm). */
  static void helmTemplate(Path chart, Path values, Path manifests) {
    List<String> cmd =
        List.of(
            "helm",
            "template",
            "perfshop",
            chart.toString(),
            "-f",
            values.toString(),
            "--namespace",
            "perfshop-lab");
    List<String> lines = new ArrayList<>();
    int rc;
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectOutput(manifests.toFile())
              .redirectErrorStream(false)
              .start();
      lines.addAll(new String(p.getErrorStream().readAllBytes()).lines().toList());
      rc = p.waitFor();
    } catch (IOException e) {
      throw new LabException(
          ExitCodes.USAGE,
          "--target kubernetes runs `helm template`, and no helm was found on PATH",
          "install Helm 3, or use --target helm and run helm template yourself");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException(ExitCodes.FAILURE, "interrupted");
    }
    if (rc != 0) {
      throw new LabException(
          ExitCodes.FAILURE, "helm template failed (exit " + rc + "): " + String.join(" ", lines));
    }
  }

  static Path findChart() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve(CHART).resolve("Chart.yaml"))) {
        return p.resolve(CHART);
      }
    }
    throw new LabException(
        ExitCodes.USAGE,
        "no Helm chart found (" + CHART + " above the working folder)",
        "run from a checkout, or pass --chart DIR");
  }

  static void copyTree(Path from, Path to) throws IOException {
    if (!Files.isRegularFile(from.resolve("Chart.yaml"))) {
      throw new LabException(ExitCodes.USAGE, from + " is not a Helm chart (no Chart.yaml)");
    }
    try (var files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path dest = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(f, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}

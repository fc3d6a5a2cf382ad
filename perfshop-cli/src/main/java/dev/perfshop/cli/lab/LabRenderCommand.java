package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.license.LabLicense;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
        "Render a lab of N class groups for Helm (chart + values), Kubernetes (plain manifests: helm template by Helm's library) or Docker Swarm (one stack per group).")
public final class LabRenderCommand implements Callable<Integer> {

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
      description = "The Helm chart folder (default: the CLI's, deploy/helm/perfshop).")
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
        Path chartTarget = out.toAbsolutePath().resolve("chart");
        HelmChart.copy(chart, chartTarget);
        Path values = out.toAbsolutePath().resolve("values.yaml");
        Files.writeString(
            values, values(names, t, overrides, out.toAbsolutePath().resolve("licence")));
        Workspace.restrict(values);
        if ("helm".equals(this.target)) {
          o.println(
              "helm upgrade --install "
                  + HelmChart.RELEASE
                  + " "
                  + chartTarget
                  + " -f "
                  + values
                  + " --namespace "
                  + HelmChart.NAMESPACE
                  + " --create-namespace");
        } else {
          var split = HelmChart.split(HelmChart.template(chartTarget, values));
          Path manifests = out.toAbsolutePath().resolve("manifests.yaml");
          Path secrets = out.toAbsolutePath().resolve("secrets.yaml");
          Files.writeString(manifests, split.manifests());
          Files.writeString(secrets, split.secrets());
          Workspace.restrict(secrets);
          o.println("kubectl create namespace " + HelmChart.NAMESPACE);
          o.println("kubectl apply -f " + manifests);
          o.println(
              "kubectl create -f "
                  + secrets
                  + "   # once per group: a group's existing Secret is kept (AlreadyExists)");
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
}

package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "One line per container: service, state, health, restarts.")
final class LabStatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin LabOptions where;
  @Mixin dev.perfshop.cli.output.OutputOptions output;

  @Override
  public Integer call() throws Exception {
    Lab lab = LabCommand.lab(spec);
    try {
      var cs = lab.status(where.workspace());
      var chaos =
          new ContainerChaos(lab, where.workspace(), java.time.Clock.systemUTC()).active(cs);
      PrintWriter out = spec.commandLine().getOut();
      int code =
          cs.isEmpty() || cs.stream().allMatch(DockerEngine.LabContainer::ready)
              ? ExitCodes.OK
              : ExitCodes.FAILURE;
      var json = dev.perfshop.cli.http.Json.array();
      for (var c : cs) {
        var o =
            json.addObject()
                .put("service", c.service())
                .put("container", c.name())
                .put("state", c.state())
                .put("health", c.health())
                .put("restarts", c.restarts())
                .put("ready", c.ready());
        var anomalies = o.putArray("chaos");
        chaos.stream()
            .filter(a -> a.service().equals(c.service()))
            .forEach(
                a ->
                    anomalies
                        .addObject()
                        .put("type", a.type().id())
                        .put("since", a.since().toString()));
      }
      if (output.printedAsJson(out, json)) {
        return code;
      }
      out.printf("%-24s %-10s %-10s %-8s %s%n", "SERVICE", "STATE", "HEALTH", "RESTARTS", "STATUS");
      for (var c : cs) {
        String anomaly =
            chaos.stream()
                .filter(a -> a.service().equals(c.service()))
                .map(a -> "  [chaos: " + a.type().id() + " since " + a.since() + "]")
                .reduce("", String::concat);
        out.printf(
            "%-24s %-10s %-10s %-8d %s%s%n",
            c.service(), c.state(), c.health(), c.restarts(), c.status(), anomaly);
      }
      if (cs.isEmpty()) {
        out.println("(no containers: the lab is down)");
      }
      out.flush();
      return code;
    } finally {
      lab.close();
    }
  }
}

package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    description =
        "Serve the lab's container metrics (CPU, memory, network, restarts) for Prometheus on /metrics.")
final class LabMonitorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin LabOptions where;

  @Option(
      names = "--port",
      description = "Port (default: the lab's MONITOR_PORT, 9101 plus its port offset).")
  Integer port;

  @Option(
      names = "--interval",
      defaultValue = "5",
      description = "Seconds between two samples of the containers (default: ${DEFAULT-VALUE}).")
  int interval;

  @Option(
      names = "--project",
      description =
          "Watch this compose project without a workspace (how the lab's perfshop-monitor"
              + " container runs it; default port 9101).")
  String project;

  @Option(
      names = "--bind",
      defaultValue = "0.0.0.0",
      description =
          "Address (default: ${DEFAULT-VALUE}: Prometheus scrapes it from its container).")
  String bind;

  @Override
  public Integer call() throws Exception {
    int listen;
    String watched;
    if (project != null) {
      listen = port != null ? port : 9101;
      watched = project;
    } else {
      Workspace.Meta meta = where.workspace().meta();
      listen = port != null ? port : new LabPorts(meta.portOffset()).port("MONITOR_PORT");
      watched = LabSpec.project(where.name);
    }
    DockerEngine engine = LabEngines.load().docker();
    engine.info();
    new LabMonitor(engine, watched)
        .serve(bind, listen, Duration.ofSeconds(interval), spec.commandLine().getErr());
    Thread.currentThread().join();
    return ExitCodes.OK;
  }
}

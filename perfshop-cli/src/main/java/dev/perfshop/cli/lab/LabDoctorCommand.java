package dev.perfshop.cli.lab;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description =
        "Check what a lab needs here: Docker engine, Compose, memory per profile, server jar.")
final class LabDoctorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    int problems = 0;
    long memory = 0;
    try (DockerEngine engine = LabEngines.load().docker()) {
      DockerEngine.EngineInfo info = engine.info();
      memory = info.memoryBytes() >> 20;
      out.printf(
          "ok    Docker %s (API %s) at %s, %d CPUs, %d MiB%n",
          info.version(), info.apiVersion(), info.host(), info.cpus(), memory);
    } catch (LabException e) {
      problems++;
      out.println("FAIL  " + e.getMessage());
      e.hints().forEach(h -> out.println("      " + h));
    }
    try {
      out.println(
          "ok    compose: "
              + String.join(
                  " ", Compose.detect(CliContext.of(spec).env("PERFSHOP_COMPOSE")).command()));
    } catch (LabException e) {
      problems++;
      out.println("FAIL  " + e.getMessage());
    }
    for (Profile p : Profile.values()) {
      int need = Lab.MEMORY_MIB.get(p);
      out.printf(
          "%s  profile %-14s needs %5d MiB%n",
          memory == 0 || memory >= need ? "info" : "WARN", p.id(), need);
    }
    var server = ServerArtifacts.find(CliContext.of(spec).workingDir(), null, null);
    out.println(
        server
            .map(
                a ->
                    "ok    server jar "
                        + a.jar()
                        + " ("
                        + a.agents().size()
                        + " agents): variant linux and --embedded available")
            .orElse("info  no server jar here: variant desktop (prebuilt image) only"));
    out.println(
        JmeterRuntime.find(CliContext.of(spec).workingDir())
            .map(j -> "ok    JMeter runtime " + j.dir() + ": the qa jmeter image builds offline")
            .orElse(
                "info  no JMeter runtime here (make build): the qa jmeter one-shot needs a preloaded image"));
    out.flush();
    return problems == 0 ? ExitCodes.OK : ExitCodes.DOCKER;
  }
}

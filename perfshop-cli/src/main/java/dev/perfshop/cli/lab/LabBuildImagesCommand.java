package dev.perfshop.cli.lab;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "build-images",
    mixinStandardHelpOptions = true,
    description =
        "Build the lab's own images (server, monitor, JMeter) from this checkout and tag them as"
            + " variant desktop expects, e.g. to prepare an offline classroom.")
final class LabBuildImagesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin LabOptions where;

  @Option(
      names = "--images",
      description = "Image override file (a base image, or other names for the built images).")
  Path images;

  @Option(
      names = "--templates",
      description = "Use the compose templates of this folder instead of those in the CLI.")
  Path templates;

  @Option(names = "--server-jar", description = "Server jar (default: this checkout's).")
  Path serverJar;

  @Option(names = "--agents-dir", description = "Folder with the two agent jars.")
  Path agentsDir;

  @Option(names = "--cli-jar", description = "CLI jar (lib/ beside it) of the monitor image.")
  Path cliJar;

  @Override
  public Integer call() throws Exception {
    ServerArtifacts server =
        ServerArtifacts.find(CliContext.of(spec).workingDir(), serverJar, agentsDir, cliJar)
            .orElseThrow(
                () ->
                    new LabException(
                        ExitCodes.USAGE,
                        "build-images needs the server jar",
                        "build it (make build) or pass --server-jar"));
    LabSpec labSpec =
        new LabSpec(
            "build-images",
            java.util.EnumSet.allOf(Profile.class),
            Variant.LINUX,
            new LabPorts(0),
            images == null ? ImageOverrides.none() : ImageOverrides.read(images),
            "127.0.0.1",
            List.of());
    Templates t =
        templates != null ? Templates.fromDirectory(templates) : Templates.fromClasspath();
    Lab lab = LabCommand.lab(spec);
    try {
      List<String> tagged =
          lab.buildImages(
              new Workspace(where.dir, "build-images"), labSpec, t, server, LabCommand.version());
      PrintWriter out = spec.commandLine().getOut();
      tagged.forEach(ref -> out.println("built " + ref));
      out.println("run a lab on them: perfshop lab up --variant desktop");
      out.println("ship them: docker save -o perfshop-images.tar " + String.join(" ", tagged));
      out.flush();
    } finally {
      lab.close();
    }
    return ExitCodes.OK;
  }
}

package dev.perfshop.cli.lab;

import java.io.IOException;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code perfshop lab}: bring a lab up (Docker Compose, or embedded), inspect it, take it down. */
@Command(
    name = "lab",
    description =
        "Provision a PerfShop lab: Docker Compose stack (or --embedded), status, logs, down.",
    mixinStandardHelpOptions = true,
    subcommands = {
      LabUpCommand.class,
      LabDownCommand.class,
      LabStatusCommand.class,
      LabLogsCommand.class,
      LabUrlsCommand.class,
      LabResetDataCommand.class,
      LabContainerCommand.class,
      LabBuildImagesCommand.class,
      LabDoctorCommand.class,
      LabMonitorCommand.class,
      LabVerifyCommand.class,
      LabRenderCommand.class,
      LabGradesCommand.class
    })
public final class LabCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static Lab lab(CommandSpec spec) {
    return Lab.connect(spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  static String version() {
    Properties p = new Properties();
    try (var in = dev.perfshop.cli.PerfShopCli.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // unknown version
    }
    return p.getProperty("version", "dev").toLowerCase(java.util.Locale.ROOT);
  }
}

package dev.perfshop.cli.lab;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every lab command shares: which lab, and where its workspace is (a picocli mixin). */
public final class LabOptions {
  @Option(
      names = "--name",
      defaultValue = "default",
      description = "Lab name (several labs per host; default: ${DEFAULT-VALUE}).")
  String name;

  @Option(
      names = "--dir",
      defaultValue = ".perfshop",
      description = "Workspace folder (default: ./${DEFAULT-VALUE}).")
  Path dir;

  Workspace workspace() {
    return new Workspace(dir, name);
  }
}

package dev.perfshop.cli.command;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code scenario run} and {@code scenario replay} run against and report to: the class
 * session, Prometheus, the Docker lab, synthetic traffic or not, and the JUnit report.
 */
final class ScenarioTargets {

  @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report.")
  Path junit;

  @Option(
      names = "--session",
      paramLabel = "ID",
      description = "Class session that receives the enigmas.")
  String session;

  @Option(
      names = "--prometheus",
      paramLabel = "URL",
      description = "Prometheus base URL for PromQL expectations.")
  URI prometheus;

  @Option(
      names = "--no-traffic",
      description = "Do not start synthetic shoppers (someone else drives the shop).")
  boolean noTraffic;

  @Mixin LabChaos lab;
}

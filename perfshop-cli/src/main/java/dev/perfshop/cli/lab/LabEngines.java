package dev.perfshop.cli.lab;

import java.nio.file.Path;

/**
 * What the lab does through libraries of its own: the Docker engine (docker-java) and {@code helm
 * template} (helm-java). Implemented in {@code lab.engines}, which ships apart from the rest of the
 * CLI with those libraries and is loaded only by the commands that need it ({@link #load()}).
 */
public interface LabEngines {

  /** A client of the Docker engine of this machine ({@code DOCKER_HOST}, else the defaults). */
  DockerEngine docker();

  /**
   * {@code helm template RELEASE CHART -f VALUES -n NAMESPACE} without a cluster: the live Secrets
   * are not looked up. Throws what helm-java throws (see {@link HelmChart#template}).
   */
  String helmTemplate(Path chart, Path values, String release, String namespace);

  /** The implementation, with its libraries loaded on first use. */
  static LabEngines load() {
    return LabLibraries.engines();
  }
}

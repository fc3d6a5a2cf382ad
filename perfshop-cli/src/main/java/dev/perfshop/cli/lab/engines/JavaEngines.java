package dev.perfshop.cli.lab.engines;

import com.marcnuri.helm.Helm;
import dev.perfshop.cli.lab.DockerEngine;
import dev.perfshop.cli.lab.LabEngines;
import java.nio.file.Path;

/** {@link LabEngines} on docker-java and helm-java (a service: see {@code LabLibraries}). */
public final class JavaEngines implements LabEngines {

  @Override
  public DockerEngine docker() {
    return DockerJavaEngine.connect();
  }

  @Override
  public String helmTemplate(Path chart, Path values, String release, String namespace) {
    return new Helm(chart)
        .template()
        .withName(release)
        .withNamespace(namespace)
        .withValuesFile(values)
        .set("lookupLiveSecrets", false)
        .call();
  }
}

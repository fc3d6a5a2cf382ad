package dev.perfshop.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The lab's libraries stay behind {@code lab.LabEngines}: only {@code lab.engines} (packaged apart,
 * loaded on the lab's own class loader) uses them, and nothing else names its classes. A class of
 * the CLI that used docker-java directly would fail with NoClassDefFoundError in the packaged CLI
 * (lib/lab is not on its class path) while every test passes on the build's flat class path.
 */
@AnalyzeClasses(packages = "dev.perfshop.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class LabLibrariesTests {

  /** The packages of the jars in lib/lab (docker-java, helm-java and what only they need). */
  static final String[] LAB_LIBRARIES = {
    "com.github.dockerjava..",
    "com.marcnuri.helm..",
    "org.apache.hc..",
    "com.google.common..",
    "org.bouncycastle..",
    "com.sun.jna..",
    "org.slf4j..",
    "org.apache.commons..",
    "com.fasterxml.jackson.core..",
    "com.fasterxml.jackson.databind.."
  };

  @ArchTest
  static final ArchRule onlyTheEnginesUseTheLabsLibraries =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.perfshop.cli.lab.engines..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(LAB_LIBRARIES);

  @ArchTest
  static final ArchRule nothingElseNamesTheEngines =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.perfshop.cli.lab.engines..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.perfshop.cli.lab.engines..");
}

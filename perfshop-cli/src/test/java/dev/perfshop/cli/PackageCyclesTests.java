package dev.perfshop.cli;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The CLI's packages (command, lab, scenario, http, config…) depend on each other without cycles.
 */
@AnalyzeClasses(packages = "dev.perfshop.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageCyclesTests {

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("dev.perfshop.cli.(*)..").should().beFreeOfCycles();
}

package dev.perfshop.server.system;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;

/**
 * The server's package rules. A feature is a package right under {@code dev.perfshop.server}
 * ({@code catalog}, {@code cart}, {@code order}, {@code pedagogy}…); {@code system} is what they
 * all share. Features depend on {@code system}; {@code system} depends on no feature; a feature
 * uses another feature only through its named ports: types marked {@link Port} (and the types
 * nested in one). The rules name no class, so moving code between features keeps them true: a moved
 * class that another feature uses must be a port where it lands.
 */
@AnalyzeClasses(
    packages = "dev.perfshop.server",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ModularityTests {

  static final String ROOT = "dev.perfshop.server";
  static final String SYSTEM = "system";

  /**
   * The chaos engine's request path. It lives under a neutral name so that no stack frame, thread
   * or logger a student can read names the chaos (docs/security.md); for these rules it is part of
   * the chaos feature, not of what every feature shares.
   */
  static final String POLICY = ROOT + ".system.policy";

  @ArchTest
  static final ArchRule systemDependsOnNoFeature =
      noClasses()
          .that()
          .resideInAPackage(ROOT + "." + SYSTEM + "..")
          .and()
          .resideOutsideOfPackage(POLICY + "..")
          .should()
          .dependOnClassesThat(
              resideInAPackage(ROOT + "..")
                  .and(
                      resideOutsideOfPackage(ROOT + "." + SYSTEM + "..")
                          .or(resideInAPackage(POLICY + ".."))))
          .because("system is what every feature shares, so it knows none of them");

  @ArchTest
  static final ArchRule featuresUseEachOtherOnlyThroughPorts =
      classes()
          .that()
          .resideInAPackage(ROOT + ".*..")
          .should(useOtherFeaturesOnlyThroughPorts())
          .because("a feature's other types are its own business (see system.Port)");

  private static ArchCondition<JavaClass> useOtherFeaturesOnlyThroughPorts() {
    return new ArchCondition<>("use other features only through their @Port types") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        Optional<String> from = feature(origin);
        if (from.isEmpty()) {
          return;
        }
        for (Dependency d : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = d.getTargetClass().getBaseComponentType();
          Optional<String> to = feature(target);
          if (to.isEmpty() || to.equals(from) || to.get().equals(SYSTEM) || isPort(target)) {
            continue;
          }
          events.add(SimpleConditionEvent.violated(d, d.getDescription()));
        }
      }
    };
  }

  /** The feature a class belongs to: the package segment right under the root. */
  static Optional<String> feature(JavaClass c) {
    String pkg = c.getPackageName();
    if (!pkg.startsWith(ROOT + ".")) {
      return Optional.empty();
    }
    if (pkg.equals(POLICY) || pkg.startsWith(POLICY + ".")) {
      return Optional.of("chaos");
    }
    String rest = pkg.substring(ROOT.length() + 1);
    int dot = rest.indexOf('.');
    return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
  }

  static boolean isPort(JavaClass c) {
    for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
      if (k.isAnnotatedWith(Port.class)) {
        return true;
      }
    }
    return false;
  }
}

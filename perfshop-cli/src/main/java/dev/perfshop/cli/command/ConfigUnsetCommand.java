package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.config.ConfigResolver;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "unset", description = "Remove a value from the user config file.")
final class ConfigUnsetCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KEY", completionCandidates = ConfigKeyCandidates.class)
  String key;

  @Override
  public Integer call() {
    if (!ConfigResolver.KEYS.contains(key)) {
      throw ConfigSetCommand.unknownKey(key);
    }
    CliContext ctx = CliContext.of(spec);
    ConfigResolver resolver = new ConfigResolver(ctx);
    Map<String, String> config = new TreeMap<>(resolver.userConfig());
    if (config.remove(key) != null) {
      resolver.writeUserConfig(config);
    }
    ctx.out().println(key + " unset (in " + resolver.userConfigFile() + ")");
    ctx.out().flush();
    return ExitCodes.OK;
  }
}

package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.CliException;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.config.ConfigResolver;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "set",
    description = {
      "Store a value in the user config file.",
      "Keys: url, admin-token-file (the token itself is never stored in the config)."
    })
final class ConfigSetCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KEY", completionCandidates = ConfigKeyCandidates.class)
  String key;

  @Parameters(index = "1", paramLabel = "VALUE")
  String value;

  @Override
  public Integer call() {
    CliContext ctx = CliContext.of(spec);
    ConfigResolver resolver = new ConfigResolver(ctx);
    PrintWriter out = ctx.out();
    String stored =
        switch (key) {
          case ConfigResolver.KEY_URL ->
              ConfigResolver.parseUrl(value, "the command line").toString();
          case ConfigResolver.KEY_TOKEN_FILE -> {
            Path file = ctx.workingDir().resolve(value).normalize();
            if (!Files.isReadable(file)) {
              ctx.err().println("warning: " + file + " is not readable yet");
            }
            yield file.toString();
          }
          case "admin-token" ->
              throw CliException.usage(
                  "the admin token is never stored in the config file; put it in a file only you"
                      + " can read and run `perfshop config set admin-token-file FILE`");
          default -> throw unknownKey(key);
        };
    Map<String, String> config = new TreeMap<>(resolver.userConfig());
    config.put(key, stored);
    resolver.writeUserConfig(config);
    out.println(key + " = " + stored + " (in " + resolver.userConfigFile() + ")");
    out.flush();
    return ExitCodes.OK;
  }

  static CliException unknownKey(String key) {
    return new CliException(
        ExitCodes.USAGE,
        "unknown key '" + key + "'; keys: " + String.join(", ", ConfigResolver.KEYS));
  }
}

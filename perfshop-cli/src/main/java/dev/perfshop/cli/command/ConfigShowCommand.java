package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.CliException;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.PerfShopCli;
import dev.perfshop.cli.config.AdminToken;
import dev.perfshop.cli.config.ConfigResolver;
import dev.perfshop.cli.config.Overrides;
import dev.perfshop.cli.config.Resolved;
import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.output.OutputOptions;
import dev.perfshop.cli.output.Table;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

@Command(
    name = "show",
    description = "Show each value, and which source won (the token itself is never printed).")
final class ConfigShowCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    PerfShopCli root = (PerfShopCli) spec.root().userObject();
    CliContext ctx = CliContext.of(spec);
    ConfigResolver resolver = new ConfigResolver(ctx);
    Overrides flags = root.overrides();
    Path configFile = resolver.userConfigFile();
    Optional<Path> lab = resolver.labFile();

    ObjectNode json = Json.object();
    ObjectNode url = json.putObject("url");
    String urlText;
    String urlSource;
    try {
      Resolved<URI> u = resolver.url(flags);
      url.put("value", u.value().toString());
      url.put("source", u.source().id());
      url.put("origin", u.origin());
      urlText = u.value().toString();
      urlSource = u.describeSource();
    } catch (CliException e) {
      url.put("error", e.getMessage());
      urlText = "invalid";
      urlSource = e.getMessage();
    }
    ObjectNode token = json.putObject("adminToken");
    String tokenText;
    String tokenSource;
    try {
      Resolved<AdminToken> t = resolver.adminToken(flags);
      token.put("set", t.present());
      token.put("source", t.source().id());
      token.put("origin", t.origin());
      tokenText = t.present() ? "set (" + t.value().length() + " characters)" : "not set";
      tokenSource = t.describeSource();
    } catch (CliException e) {
      token.put("set", false);
      token.put("error", e.getMessage());
      tokenText = "unusable";
      tokenSource = e.getMessage();
    }
    ObjectNode config = json.putObject("configFile");
    config.put("path", configFile.toString());
    config.put("exists", Files.isRegularFile(configFile));
    Optional<Path> workspace = resolver.workspace();
    ObjectNode labNode = json.putObject("labWorkspace");
    labNode.put("path", workspace.map(Path::toString).orElse(null));
    labNode.put("labProperties", lab.map(Path::toString).orElse(null));

    PrintWriter out = ctx.out();
    if (output.printedAsJson(out, json)) {
      return ExitCodes.OK;
    }
    new Table("key", "value", "source")
        .row("url", urlText, urlSource)
        .row("admin-token", tokenText, tokenSource)
        .print(out);
    out.println();
    out.println(
        "config file:   " + configFile + (Files.isRegularFile(configFile) ? "" : " (absent)"));
    out.println(
        "lab workspace: "
            + workspace
                .map(w -> w + (lab.isPresent() ? "" : " (no lab.properties: embedded server)"))
                .orElse("none (no " + ConfigResolver.LAB_FILE + " here or above)"));
    out.println("precedence:    flags > environment > config file > lab workspace > default");
    out.flush();
    return ExitCodes.OK;
  }
}

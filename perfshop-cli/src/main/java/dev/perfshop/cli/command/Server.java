package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.PerfShopCli;
import dev.perfshop.cli.config.ConfigResolver;
import dev.perfshop.cli.config.Overrides;
import dev.perfshop.cli.http.PerfShopClient;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;

/** Builds the HTTP client of a command from the connection flags and the resolved config. */
final class Server {

  private Server() {}

  static PerfShopClient client(CommandSpec spec) {
    PerfShopCli root = (PerfShopCli) spec.root().userObject();
    return client(root, root.overrides(), Duration.ofSeconds(5), Duration.ofSeconds(30));
  }

  static PerfShopClient client(
      PerfShopCli root, Overrides flags, Duration connectTimeout, Duration requestTimeout) {
    ConfigResolver resolver = new ConfigResolver(root.context());
    CliContext ctx = root.context();
    return new PerfShopClient(
            resolver.url(flags), () -> resolver.adminToken(flags), connectTimeout, requestTimeout)
        .actor(actor(ctx));
  }

  /** The audit log's actor: PERFSHOP_ACTOR, else "<login>@cli". */
  static String actor(CliContext ctx) {
    String actor = ctx.env("PERFSHOP_ACTOR");
    return actor != null ? actor : (ctx.env("USER") == null ? "" : ctx.env("USER") + "@") + "cli";
  }
}

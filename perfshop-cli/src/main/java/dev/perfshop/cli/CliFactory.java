package dev.perfshop.cli;

import dev.perfshop.cli.command.ChaosTypeCandidates;
import picocli.CommandLine;

/** Creates picocli's objects; gives the completion candidates access to the command tree root. */
final class CliFactory implements CommandLine.IFactory {

  private final PerfShopCli root;

  CliFactory(PerfShopCli root) {
    this.root = root;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    if (cls == ChaosTypeCandidates.class) {
      return cls.cast(new ChaosTypeCandidates(root));
    }
    return CommandLine.defaultFactory().create(cls);
  }
}

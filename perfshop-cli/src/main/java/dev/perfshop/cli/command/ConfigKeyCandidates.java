package dev.perfshop.cli.command;

import dev.perfshop.cli.config.ConfigResolver;
import java.util.Iterator;

/** The keys {@code config set/unset} accept. */
final class ConfigKeyCandidates implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return ConfigResolver.KEYS.iterator();
  }
}

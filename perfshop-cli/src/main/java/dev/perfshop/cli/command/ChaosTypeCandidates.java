package dev.perfshop.cli.command;

import dev.perfshop.cli.PerfShopCli;
import dev.perfshop.cli.config.Overrides;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Completion candidates for a chaos TYPE: the server's catalogue when it answers quickly, else
 * none. Fetched lazily (only when completing) and kept for a minute.
 */
public final class ChaosTypeCandidates implements Iterable<String> {

  private static final long KEEP_NANOS = Duration.ofMinutes(1).toNanos();
  private final PerfShopCli root;
  private List<String> cached;
  private long fetchedAt;

  public ChaosTypeCandidates(PerfShopCli root) {
    this.root = root;
  }

  @Override
  public Iterator<String> iterator() {
    if (cached == null || System.nanoTime() - fetchedAt > KEEP_NANOS) {
      cached = fetch();
      fetchedAt = System.nanoTime();
    }
    return cached.iterator();
  }

  private List<String> fetch() {
    // In the shell, the flags of the last line run are stale: use the session's only.
    Overrides flags = root.context().interactive() ? Overrides.NONE : root.overrides();
    try {
      List<String> types = new ArrayList<>();
      Server.client(root, flags, Duration.ofSeconds(1), Duration.ofSeconds(2))
          .adminGet(ChaosPaths.CATALOG)
          .forEach(c -> types.add(c.path("type").asString()));
      return List.copyOf(types);
    } catch (RuntimeException e) {
      return List.of();
    }
  }
}

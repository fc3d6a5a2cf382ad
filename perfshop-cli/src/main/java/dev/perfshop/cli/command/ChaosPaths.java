package dev.perfshop.cli.command;

import dev.perfshop.cli.CliException;
import java.util.regex.Pattern;

/** Routes of the chaos admin API (docs/api.md) and the check on type names. */
final class ChaosPaths {

  static final String BASE = "/api/admin/chaos";
  static final String CATALOG = BASE + "/catalog";
  static final String HALT = BASE + "/halt";
  static final String AUDIT = BASE + "/audit";
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]{0,63}");

  private ChaosPaths() {}

  /** The route of one type; the name is checked so that it can never alter the path. */
  static String type(String type) {
    if (!TYPE.matcher(type).matches()) {
      throw CliException.usage(
          "'"
              + type
              + "' is not a chaos type name (lower-case, like latency); see `perfshop chaos list`");
    }
    return BASE + "/" + type;
  }
}

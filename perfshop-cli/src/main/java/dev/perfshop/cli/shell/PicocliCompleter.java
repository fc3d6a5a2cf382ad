package dev.perfshop.cli.shell;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Tab completion from the picocli model: commands, options, enum values and the chaos types of the
 * server's catalogue (through the options' completion candidates). jline filters by prefix.
 */
final class PicocliCompleter implements Completer {

  private final CommandLine cli;

  PicocliCompleter(CommandLine cli) {
    this.cli = cli;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    String[] words = line.words().toArray(String[]::new);
    List<CharSequence> found = new ArrayList<>();
    AutoComplete.complete(cli.getCommandSpec(), words, line.wordIndex(), 0, line.cursor(), found);
    for (CharSequence c : found) {
      String word = c.toString();
      if (!word.isBlank()) {
        candidates.add(new Candidate(word));
      }
    }
  }
}

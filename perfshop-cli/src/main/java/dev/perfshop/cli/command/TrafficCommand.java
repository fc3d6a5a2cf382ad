package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.CliException;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.output.OutputOptions;
import dev.perfshop.cli.output.Table;
import dev.perfshop.cli.traffic.TrafficGenerator;
import dev.perfshop.cli.traffic.TrafficReport;
import dev.perfshop.scenario.Durations;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "traffic",
    description = {
      "Simulate shoppers: browse, search and checkout journeys arriving at a fixed rate (open model).",
      "Latencies are measured from each request's intended start, so a stalled server shows."
    })
public final class TrafficCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Option(
      names = {"-r", "--rate"},
      paramLabel = "N",
      defaultValue = "5",
      description = "Journeys started per second (default 5).")
  double rate;

  @Option(
      names = {"-d", "--duration"},
      paramLabel = "DURATION",
      defaultValue = "30s",
      description = "How long, e.g. 30s, 5m (default 30s).")
  String duration;

  @Option(
      names = "--mix",
      paramLabel = "B,S,C",
      defaultValue = "70,20,10",
      description = "Percent of browse, search and checkout journeys (default 70,20,10).")
  String mix;

  @Option(
      names = "--think",
      paramLabel = "DURATION",
      defaultValue = "300ms",
      description = "Longest think time between the steps of a journey (default 300ms).")
  String think;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "Seed of arrivals and choices.")
  long seed;

  @Option(
      names = "--correlate",
      description = "Send back the X-*-Token headers the server hands out (scripting chaos).")
  boolean correlate;

  @Override
  public Integer call() {
    var length =
        Durations.parse(duration)
            .orElseThrow(
                () ->
                    CliException.usage(
                        "--duration: '" + duration + "' is not a duration (e.g. 30s, 5m)"));
    var thinkTime =
        Durations.parse(think)
            .orElseThrow(
                () ->
                    CliException.usage("--think: '" + think + "' is not a duration (e.g. 300ms)"));
    if (!(rate > 0) || rate > 1000) {
      throw CliException.usage("--rate must be between 0 and 1000 journeys per second");
    }
    TrafficGenerator.Mix m;
    try {
      String[] parts = mix.split(",");
      m =
          new TrafficGenerator.Mix(
              Integer.parseInt(parts[0].strip()),
              Integer.parseInt(parts[1].strip()),
              Integer.parseInt(parts[2].strip()));
    } catch (RuntimeException e) {
      throw CliException.usage("--mix takes three percentages adding up to 100, e.g. 70,20,10");
    }
    CliContext ctx = CliContext.of(spec);
    var base = Server.client(spec).baseUrl();
    PrintWriter err = ctx.err();
    TrafficGenerator generator = new TrafficGenerator(base, rate, m, correlate, thinkTime);
    Thread hook = new Thread(generator::stop, "perfshop-traffic-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    TrafficReport report;
    try {
      report =
          generator.run(
              length,
              seed,
              p -> {
                if (ctx.interactive() || System.console() != null) {
                  err.printf(
                      Locale.ROOT,
                      "\r%5.0fs  journeys %d  requests %d  errors %d  in flight %d   ",
                      p.seconds(),
                      p.journeys(),
                      p.requests(),
                      p.errors(),
                      p.inFlight());
                  err.flush();
                }
              });
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // stopping on Ctrl-C
      }
    }
    err.print("\r");
    err.flush();
    PrintWriter out = ctx.out();
    if (!output.printedAsJson(out, Json.mapper().valueToTree(report))) {
      out.printf(
          Locale.ROOT,
          "%d journeys, %d requests, %d errors in %.1fs (%.1f req/s) against %s%n",
          report.journeys(),
          report.requests(),
          report.errors(),
          report.seconds(),
          report.throughput(),
          base);
      Table t =
          new Table("ROUTE", "COUNT", "ERRORS", "REQ/S", "P50 MS", "P95 MS", "P99 MS", "MAX MS");
      for (var r : report.routes()) {
        t.row(
            r.route(),
            r.count(),
            r.errors(),
            String.format(Locale.ROOT, "%.1f", r.throughput()),
            r.p50(),
            r.p95(),
            r.p99(),
            r.max());
      }
      t.print(out);
      report.notes().forEach(n -> out.println("note: " + n));
      out.flush();
    }
    if (report.requests() > 0 && report.errors() == report.requests()) {
      throw new CliException(ExitCodes.REJECTED, "every request failed", report.notes(), null);
    }
    return ExitCodes.OK;
  }
}

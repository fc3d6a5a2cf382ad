import dev.perfshop.cli.traffic.TrafficGenerator;
import dev.perfshop.cli.traffic.TrafficReport;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;

/**
 * A class's load in one generator JVM (bench/class-load/run; figures for reports, never tests).
 * The CLI's synthetic shoppers ({@code perfshop traffic}'s {@link TrafficGenerator}) run the
 * warm-up and every step in this one process, so the generator's JIT is warm as well as the
 * server's: a fresh {@code perfshop traffic} per step spent 580–840 µs of CPU per request on the
 * same two cores as the server, most of it compiling itself.
 *
 * <p>Arguments: URL SERVER_PID. Settings from the environment: START_RATE, STEP, STEP_SECONDS,
 * LIMIT_MS, MIX, WARM_RATE, WARM_RATE_MAX, WARM_SECONDS, WARM_MAX, WARM_MIN_REQUESTS, BENCH_JFR
 * (see run).
 */
public final class Ramp {

  private static final long TICKS = 100; // USER_HZ: /proc/PID/stat counts CPU time in 1/100 s

  public static void main(String[] args) throws Exception {
    URI url = URI.create(args[0]);
    long serverPid = Long.parseLong(args[1]);
    double rate = number("START_RATE", 20);
    double step = number("STEP", 1.25);
    int stepSeconds = (int) number("STEP_SECONDS", 30);
    double limit = number("LIMIT_MS", 100);
    String[] mix = env("MIX", "70,20,10").split(",");
    TrafficGenerator.Mix shares =
        new TrafficGenerator.Mix(
            Integer.parseInt(mix[0].trim()),
            Integer.parseInt(mix[1].trim()),
            Integer.parseInt(mix[2].trim()));

    // Warm-up, discarded: rounds until the server's CPU per request stops falling (two rounds in a
    // row not 5 % below the best so far) after at least WARM_MIN_REQUESTS, at most WARM_MAX rounds.
    // Each round's rate follows the server: enough journeys to keep about one core busy at the last
    // round's cost per request (from WARM_RATE, at most WARM_RATE_MAX). A fixed rate that a cold
    // server cannot serve piles up requests in flight (a server at load 30 stayed at 3 ms of CPU per
    // request for minutes); at a low rate the CPU per request looks flat early, because the
    // server's background work is shared by few requests, hence the floor.
    long best = Long.MAX_VALUE;
    int flat = 0;
    int warmMax = (int) number("WARM_MAX", 60);
    double warmRate = number("WARM_RATE", 60);
    long served = 0;
    long floor = (long) number("WARM_MIN_REQUESTS", 300_000);
    for (int round = 1; round <= warmMax && (flat < 2 || served < floor); round++) {
      Step s = measure(url, serverPid, warmRate, (int) number("WARM_SECONDS", 20), shares);
      System.out.printf(
          "  warm-up round %d: %.0f journeys/s, %d requests, server CPU %d µs/request, generator %d µs/request (load %s)%n",
          round, warmRate, s.requests(), s.serverUs(), s.generatorUs(), load());
      served += s.requests();
      flat = s.serverUs() * 100 < best * 95 ? 0 : flat + 1;
      best = Math.min(best, s.serverUs());
      double perJourney = s.report().journeys() == 0 ? 3 : (double) s.requests() / s.report().journeys();
      warmRate =
          Math.max(20, Math.min(number("WARM_RATE_MAX", 400), 1_000_000.0 / Math.max(s.serverUs(), 1) / perJourney));
    }
    if (System.getenv("BENCH_JFR") != null && !System.getenv("BENCH_JFR").isBlank()) {
      // The recording restarts here, so that it holds the measured steps only.
      jcmd(serverPid, "JFR.stop", "name=bench");
      jcmd(serverPid, "JFR.start", "name=bench", "settings=profile");
    }
    System.out.printf(
        "  %10s %10s %8s %14s %16s %14s %s%n",
        "journeys/s", "req/s", "errors", "worst-p99-ms", "server-cpu-us/req", "gen-cpu-us/req", "route");
    String capacity = null;
    while (true) {
      Step s = measure(url, serverPid, rate, stepSeconds, shares);
      TrafficReport.RouteReport worst =
          s.report().routes().stream().max(Comparator.comparingDouble(TrafficReport.RouteReport::p99)).orElseThrow();
      System.out.printf(
          "  %10.0f %10.0f %8d %14.1f %16d %14d %s   (load %s)%n",
          rate, s.report().throughput(), s.report().errors(), worst.p99(), s.serverUs(), s.generatorUs(),
          worst.route().replace(' ', '_'), load());
      if (worst.p99() > limit) {
        break;
      }
      capacity = String.format("%.0f req/s at %.0f journeys/s (worst-route p99 %.1f ms)", s.report().throughput(), rate, worst.p99());
      rate = Math.round(rate * step);
    }
    System.out.printf(
        "bench: capacity with p99 <= %.0f ms: %s (goal >= 1500 req/s)%n",
        limit, capacity == null ? "below the first step" : capacity);
  }

  private record Step(TrafficReport report, long requests, long serverUs, long generatorUs) {}

  private static Step measure(URI url, long serverPid, double rate, int seconds, TrafficGenerator.Mix mix)
      throws Exception {
    long server0 = serverCpuMs(serverPid);
    long gen0 = generatorCpuMs();
    TrafficReport report =
        new TrafficGenerator(url, rate, mix, false, Duration.ZERO)
            .run(Duration.ofSeconds(seconds), System.nanoTime(), p -> {});
    long server = serverCpuMs(serverPid) - server0;
    long gen = generatorCpuMs() - gen0;
    long n = report.routes().stream().mapToLong(TrafficReport.RouteReport::count).sum();
    return new Step(report, n, n == 0 ? 0 : server * 1000 / n, n == 0 ? 0 : gen * 1000 / n);
  }

  private static void jcmd(long pid, String... command) throws Exception {
    java.util.List<String> line = new java.util.ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    line.add(Long.toString(pid));
    line.addAll(java.util.List.of(command));
    Process p = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed");
    }
  }

  /** User + system time of every thread of the server, from /proc/PID/stat, in ms. */
  private static long serverCpuMs(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / TICKS;
  }

  /** This JVM's CPU time (all threads, JIT and GC included), in ms. */
  private static long generatorCpuMs() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1_000_000;
  }

  private static String load() throws Exception {
    return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
  }

  private static double number(String name, double fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : Double.parseDouble(v);
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}

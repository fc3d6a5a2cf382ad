import de.codecentric.spring.boot.chaos.monkey.assaults.LatencyAssaultExecutor;
import java.util.Arrays;

/**
 * CM4SB's own latency executor timed in process, as bench/chaos/run's ChaosEngineBench times
 * PerfShop's sleeper: error = woke - (start + requested), at 10 ms, 100 ms and 1 s, the same
 * sample counts and the same output line. Run by bench/cm4sb/run with CM4SB's jar on the class
 * path (java's source launcher); a benchmark, not a test.
 */
class SleepAccuracy {
  public static void main(String[] args) {
    LatencyAssaultExecutor executor = new LatencyAssaultExecutor();
    int[] samples = {400, 200, 20};
    long[] millis = {10, 100, 1000};
    for (int k = 0; k < millis.length; k++) {
      long[] errors = new long[samples[k]];
      for (int i = 0; i < errors.length; i++) {
        long deadline = System.nanoTime() + millis[k] * 1_000_000L;
        executor.execute(millis[k]);
        errors[i] = System.nanoTime() - deadline;
      }
      Arrays.sort(errors);
      System.out.printf(
          "BENCH cm4sb latency %5d ms  n=%d  min=%.3f ms  p50=%.3f ms  p99=%.3f ms  max=%.3f ms%n",
          millis[k],
          errors.length,
          errors[0] / 1e6,
          errors[errors.length / 2] / 1e6,
          errors[(int) Math.min(errors.length - 1, Math.ceil(errors.length * 0.99) - 1)] / 1e6,
          errors[errors.length - 1] / 1e6);
    }
  }
}

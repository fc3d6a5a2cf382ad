package dev.perfshop.server.signals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingStream;

/**
 * CPU and allocation profiles of the last minute from JFR ({@code jdk.ExecutionSample} every 20 ms
 * per running thread, {@code jdk.ObjectAllocationSample} weighted in bytes), read in process
 * through a {@link RecordingStream}. The stream runs only while someone looks: started by the first
 * request, closed {@link #IDLE_SECONDS} seconds after the last one. Samples are merged into
 * 10-second buckets of stack trees (six kept), so the memory is bounded by {@link
 * StackTree#MAX_NODES} nodes per bucket and profile.
 */
public class Profiler implements AutoCloseable {

  static final int IDLE_SECONDS = 60;
  static final int BUCKET_SECONDS = 10;
  static final int BUCKETS = 6;
  static final int MAX_DEPTH = 64;

  public enum Kind {
    CPU,
    ALLOC
  }

  private final Watchers watchers = new Watchers(IDLE_SECONDS, TimeUnit.SECONDS);
  private final ScheduledExecutorService idleCheck =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "profile-idle-check");
            t.setDaemon(true);
            return t;
          });

  /** Guards the buckets; never held while the stream is closed (its thread takes it). */
  private final Object data = new Object();

  private final Bucket[] cpu = new Bucket[BUCKETS];
  private final Bucket[] alloc = new Bucket[BUCKETS];
  private RecordingStream stream;
  private long startedAt;

  Profiler() {
    idleCheck.scheduleWithFixedDelay(this::stopIfIdle, 5, 5, TimeUnit.SECONDS);
  }

  /** The profile of the last minute (starting the recording if it is not running). */
  public synchronized Snapshot snapshot(Kind kind) {
    watchers.look();
    if (stream == null) {
      start();
    }
    long nowBucket = System.currentTimeMillis() / 1000 / BUCKET_SECONDS;
    StackTree merged = new StackTree();
    synchronized (data) {
      for (Bucket b : kind == Kind.CPU ? cpu : alloc) {
        if (b != null && b.index > nowBucket - BUCKETS) {
          b.tree.mergeInto(merged);
        }
      }
    }
    return new Snapshot(
        kind.name().toLowerCase(java.util.Locale.ROOT),
        true,
        startedAt,
        Math.min(BUCKETS * BUCKET_SECONDS, (System.currentTimeMillis() - startedAt) / 1000),
        merged.total(),
        kind == Kind.CPU ? "samples" : "bytes",
        merged.export(0.002));
  }

  public synchronized boolean running() {
    return stream != null;
  }

  private void start() {
    RecordingStream rs = new RecordingStream();
    rs.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(20)).withStackTrace();
    rs.enable("jdk.ObjectAllocationSample").with("throttle", "150/s").withStackTrace();
    rs.setMaxAge(Duration.ofSeconds(10));
    rs.onEvent("jdk.ExecutionSample", e -> record(cpu, e, 1, null));
    rs.onEvent(
        "jdk.ObjectAllocationSample",
        e -> {
          RecordedClass type = e.getClass("objectClass");
          record(alloc, e, e.getLong("weight"), type == null ? null : "new " + type.getName());
        });
    rs.startAsync();
    stream = rs;
    startedAt = System.currentTimeMillis();
  }

  private void record(Bucket[] ring, RecordedEvent event, long weight, String leaf) {
    RecordedStackTrace trace = event.getStackTrace();
    if (trace == null) {
      return;
    }
    List<RecordedFrame> frames = trace.getFrames();
    List<String> names = new ArrayList<>(Math.min(frames.size(), MAX_DEPTH) + 1);
    for (int i = Math.min(frames.size(), MAX_DEPTH) - 1; i >= 0; i--) {
      RecordedFrame f = frames.get(i);
      if (f.isJavaFrame() && f.getMethod() != null) {
        names.add(Disguise.frame(f.getMethod().getType().getName(), f.getMethod().getName()));
      }
    }
    if (leaf != null) {
      names.add(Disguise.type(leaf));
    }
    long index = event.getStartTime().getEpochSecond() / BUCKET_SECONDS;
    synchronized (data) {
      Bucket b = ring[(int) (index % BUCKETS)];
      if (b == null || b.index != index) {
        b = new Bucket(index);
        ring[(int) (index % BUCKETS)] = b;
      }
      b.tree.add(names, weight);
    }
  }

  synchronized void stopIfIdle() {
    if (stream != null && !watchers.watched()) {
      stream.close();
      stream = null;
      synchronized (data) {
        java.util.Arrays.fill(cpu, null);
        java.util.Arrays.fill(alloc, null);
      }
    }
  }

  @Override
  public synchronized void close() {
    idleCheck.shutdownNow();
    if (stream != null) {
      stream.close();
      stream = null;
    }
  }

  private static final class Bucket {
    final long index;
    final StackTree tree = new StackTree();

    Bucket(long index) {
      this.index = index;
    }
  }

  /**
   * A profile: {@code since} when the recording started (epoch ms), {@code seconds} it covers,
   * {@code total} weight in {@code unit} (samples or bytes).
   */
  public record Snapshot(
      String kind,
      boolean running,
      long since,
      long seconds,
      long total,
      String unit,
      StackTree.Frame root) {}
}

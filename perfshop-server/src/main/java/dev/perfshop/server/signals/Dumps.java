package dev.perfshop.server.signals;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.jspecify.annotations.Nullable;

/**
 * A thread dump (as {@code jcmd Thread.print} shows it) and a heap histogram (as {@code jcmd
 * GC.class_histogram}, through the same DiagnosticCommand MBean) on demand. Both are cached: a
 * thread dump for {@link #THREADS_EVERY_MS} ms, a histogram (which runs a full collection) for
 * {@link #HEAP_EVERY_MS} ms, so thirty students pressing the button cost one of each.
 */
public class Dumps {

  static final long THREADS_EVERY_MS = 2_000;
  static final long HEAP_EVERY_MS = 15_000;
  static final int MAX_THREADS = 1000;
  static final int MAX_FRAMES = 40;
  static final int MAX_CLASSES = 60;

  private static final Pattern ROW =
      Pattern.compile("^\\s*(\\d+):\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)(?:\\s+\\(.*\\))?\\s*$");

  private final java.util.function.LongSupplier clock;
  private ThreadDump threads;
  private HeapHistogram heap;

  public Dumps() {
    this(System::currentTimeMillis);
  }

  Dumps(java.util.function.LongSupplier clock) {
    this.clock = clock;
  }

  public synchronized ThreadDump threads() {
    long now = clock.getAsLong();
    if (threads != null && now - threads.takenAt() < THREADS_EVERY_MS) {
      return threads;
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    ThreadInfo[] infos = mx.dumpAllThreads(true, true, MAX_FRAMES);
    List<ThreadEntry> out = new ArrayList<>();
    for (ThreadInfo info : Arrays.copyOf(infos, Math.min(infos.length, MAX_THREADS))) {
      if (info == null) {
        continue;
      }
      List<String> frames = new ArrayList<>();
      for (StackTraceElement e : info.getStackTrace()) {
        frames.add(Disguise.text(e.toString()));
      }
      LockInfo lock = info.getLockInfo();
      out.add(
          new ThreadEntry(
              Disguise.thread(info.getThreadName()),
              info.getThreadId(),
              info.getThreadState().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
              info.isDaemon(),
              lock == null ? null : Disguise.text(lock.toString()),
              Disguise.thread(info.getLockOwnerName()),
              frames));
    }
    long[] deadlocked = mx.findDeadlockedThreads();
    threads = new ThreadDump(now, infos.length, deadlocked == null ? 0 : deadlocked.length, out);
    return threads;
  }

  public synchronized HeapHistogram heap() {
    long now = clock.getAsLong();
    if (heap != null && now - heap.takenAt() < HEAP_EVERY_MS) {
      return heap;
    }
    String text;
    try {
      text =
          (String)
              ManagementFactory.getPlatformMBeanServer()
                  .invoke(
                      new ObjectName("com.sun.management:type=DiagnosticCommand"),
                      "gcClassHistogram",
                      new Object[] {new String[0]},
                      new String[] {String[].class.getName()});
    } catch (Exception e) {
      throw new IllegalStateException("the JVM refused a class histogram", e);
    }
    heap = parse(now, text);
    return heap;
  }

  static HeapHistogram parse(long takenAt, String text) {
    List<ClassEntry> rows = new ArrayList<>();
    long instances = 0;
    long bytes = 0;
    for (String line : text.split("\n")) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        long n = Long.parseLong(m.group(2));
        long b = Long.parseLong(m.group(3));
        instances += n;
        bytes += b;
        if (rows.size() < MAX_CLASSES) {
          rows.add(
              new ClassEntry(
                  Integer.parseInt(m.group(1)), Disguise.type(readable(m.group(4))), n, b));
        }
      }
    }
    return new HeapHistogram(takenAt, instances, bytes, rows);
  }

  /** {@code [B} → {@code byte[]}, {@code [Ljava.lang.String;} → {@code java.lang.String[]}. */
  static String readable(String jvmName) {
    int dims = 0;
    while (dims < jvmName.length() && jvmName.charAt(dims) == '[') {
      dims++;
    }
    if (dims == 0) {
      return jvmName;
    }
    String base = jvmName.substring(dims);
    String type =
        switch (base) {
          case "B" -> "byte";
          case "C" -> "char";
          case "I" -> "int";
          case "J" -> "long";
          case "Z" -> "boolean";
          case "S" -> "short";
          case "F" -> "float";
          case "D" -> "double";
          default ->
              base.startsWith("L") && base.endsWith(";")
                  ? base.substring(1, base.length() - 1)
                  : base;
        };
    return type + "[]".repeat(dims);
  }

  public record ThreadEntry(
      String name,
      long id,
      String state,
      boolean daemon,
      @Nullable String waitingOn,
      @Nullable String lockOwner,
      List<String> frames) {}

  public record ThreadDump(
      long takenAt, int threadCount, int deadlocked, List<ThreadEntry> threads) {}

  public record ClassEntry(int rank, String className, long instances, long bytes) {}

  /** The classes holding the most live bytes after a full collection. */
  public record HeapHistogram(long takenAt, long instances, long bytes, List<ClassEntry> classes) {}
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.e2e;

import static io.ascp.csi.e2e.Fixtures.DB_JSON;
import static io.ascp.csi.e2e.Fixtures.PASSWORD;
import static io.ascp.csi.e2e.Fixtures.parameterName;
import static io.ascp.csi.e2e.Fixtures.parameterValue;
import static io.ascp.csi.e2e.Fixtures.volume;
import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.core.InMemorySecretSource;
import io.ascp.csi.daemon.Daemon;
import io.ascp.csi.daemon.DaemonConfig;
import io.ascp.csi.testing.CsiDriverSimulator;
import io.ascp.csi.testing.MountOutcome;
import io.ascp.csi.testing.MountedFiles;
import io.ascp.csi.testing.PodVolume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load and soak through the socket: the daemon in this JVM with the in-memory backend ({@code
 * --backend memory:FILE}'s daemon, so that the figures measure the daemon rather than a backend),
 * provider-writes mode, driven by CSI driver simulators. 500 mounts released at once, then a soak
 * at a steady rate ({@value #DEFAULT_SOAK_SECONDS} s by default; {@code -Pfull} runs {@code
 * ascp.soak.seconds}). Zero failures; afterwards the JVM's live threads, open file descriptors
 * ({@code /proc/self/fd}) and heap after GC are back within a margin of the baseline, which is
 * taken after a warm-up burst of the same size (gRPC's default executor keeps idle threads for 60
 * s, so a cold baseline would measure that cache, not a leak). The figures are printed.
 */
class LoadSoakIT {
  private static final int CONCURRENT = 500;
  private static final int DEFAULT_SOAK_SECONDS = 20;
  private static final int SOAK_RATE_PER_SECOND = 40;
  private static final int SIMULATORS = 8;

  private static final int THREAD_MARGIN = 16;
  private static final int FD_MARGIN = 16;
  private static final long HEAP_MARGIN_BYTES = 48L * 1024 * 1024;

  @TempDir Path dir;

  private static InMemorySecretSource store() {
    InMemorySecretSource.Builder b =
        InMemorySecretSource.builder()
            .secret("shop/db", DB_JSON)
            .binarySecret("shop/tls", Fixtures.BINARY);
    for (int n = 1; n <= 11; n++) {
      b.parameter(parameterName(n), parameterValue(n));
    }
    return b.build();
  }

  @Test
  void fiveHundredConcurrentMountsAndASteadySoakWithoutFailuresOrLeaks() throws Exception {
    int soakSeconds = Integer.getInteger("ascp.soak.seconds", DEFAULT_SOAK_SECONDS);
    Path sockets = Files.createTempDirectory(Path.of("/tmp"), "ascp-load");
    // Client threads exist before the baseline, so that only the daemon's threads are compared.
    ThreadPoolExecutor clients = (ThreadPoolExecutor) Executors.newFixedThreadPool(CONCURRENT);
    clients.prestartAllCoreThreads();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    Daemon daemon =
        Daemon.startLocal(
            DaemonConfig.builder().providerVolume(sockets.toString()).build(),
            store(),
            Map.of("AWS_REGION", Fixtures.NODE_REGION));
    List<CsiDriverSimulator> drivers = new ArrayList<>();
    try {
      for (int i = 0; i < SIMULATORS; i++) {
        drivers.add(CsiDriverSimulator.connect(Path.of(daemon.socketPath())));
      }
      AtomicInteger sequence = new AtomicInteger();

      // Warm-up: the same burst, so that pools and caches reach their working size.
      Burst warmUp = burst(drivers, clients, sequence);
      assertThat(warmUp.failures).as("warm-up failures: %s", warmUp.failures).isEmpty();
      Figures baseline = Figures.measure();

      // 1. 500 mounts released at once.
      Burst load = burst(drivers, clients, sequence);
      assertThat(load.failures).as("failures: %s", load.failures).isEmpty();
      Figures afterBurst = Figures.measure();

      // 2. The soak: SOAK_RATE_PER_SECOND mounts a second, each mounted, checked and unmounted.
      ConcurrentLinkedQueue<String> soakFailures = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Long> soakLatencies = new ConcurrentLinkedQueue<>();
      int total = soakSeconds * SOAK_RATE_PER_SECOND;
      CountDownLatch done = new CountDownLatch(total);
      AtomicInteger issued = new AtomicInteger();
      long soakStart = System.nanoTime();
      var unused =
          ticker.scheduleAtFixedRate(
              () -> {
                if (issued.getAndIncrement() >= total) {
                  return;
                }
                int n = sequence.incrementAndGet();
                clients.execute(
                    () -> {
                      try {
                        long t = System.nanoTime();
                        String failure = mountCheckUnmount(drivers.get(n % SIMULATORS), n);
                        soakLatencies.add(System.nanoTime() - t);
                        if (failure != null) {
                          soakFailures.add(failure);
                        }
                      } finally {
                        done.countDown();
                      }
                    });
              },
              0,
              1_000_000 / SOAK_RATE_PER_SECOND,
              TimeUnit.MICROSECONDS);
      assertThat(done.await(soakSeconds + 120L, TimeUnit.SECONDS)).as("the soak ended").isTrue();
      Duration soakTook = Duration.ofNanos(System.nanoTime() - soakStart);
      assertThat(soakFailures).as("soak failures").isEmpty();
      Figures afterSoak = Figures.measure();

      System.out.printf(
          "LOAD: %d concurrent mounts in %d ms (%.0f mounts/s), latency p50 %d ms, p99 %d ms,"
              + " max %d ms, failures %d%n",
          CONCURRENT,
          load.took.toMillis(),
          CONCURRENT * 1000.0 / Math.max(1, load.took.toMillis()),
          percentile(load.latencies, 50),
          percentile(load.latencies, 99),
          percentile(load.latencies, 100),
          load.failures.size());
      System.out.printf(
          "SOAK: %d mounts over %d s at %d/s, latency p50 %d ms, p99 %d ms, max %d ms,"
              + " failures %d%n",
          total,
          soakTook.toSeconds(),
          SOAK_RATE_PER_SECOND,
          percentile(soakLatencies, 50),
          percentile(soakLatencies, 99),
          percentile(soakLatencies, 100),
          soakFailures.size());
      System.out.println("RESOURCES baseline:    " + baseline);
      System.out.println("RESOURCES after burst: " + afterBurst);
      System.out.println("RESOURCES after soak:  " + afterSoak);

      assertThat(afterSoak.threads).isLessThanOrEqualTo(baseline.threads + THREAD_MARGIN);
      assertThat(afterSoak.grpcExecutorThreads).isLessThanOrEqualTo(CONCURRENT + THREAD_MARGIN);
      assertThat(afterSoak.fds).isLessThanOrEqualTo(baseline.fds + FD_MARGIN);
      assertThat(afterSoak.heapBytes).isLessThanOrEqualTo(baseline.heapBytes + HEAP_MARGIN_BYTES);
      assertThat(daemon.isDraining()).isFalse();
    } finally {
      ticker.shutdownNow();
      for (CsiDriverSimulator d : drivers) {
        d.close();
      }
      daemon.shutdown();
      clients.shutdownNow();
      Files.deleteIfExists(sockets);
    }
    assertThat(Files.exists(sockets.resolve("aws.sock"))).isFalse();
  }

  /** The outcome of one burst. */
  private record Burst(List<String> failures, List<Long> latencies, Duration took) {}

  private Burst burst(
      List<CsiDriverSimulator> drivers, ExecutorService clients, AtomicInteger sequence)
      throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<String>> results = new ArrayList<>();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < CONCURRENT; i++) {
      int n = sequence.incrementAndGet();
      results.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return "interrupted";
                }
                long t = System.nanoTime();
                String failure = mountCheckUnmount(drivers.get(n % SIMULATORS), n);
                latencies.add(System.nanoTime() - t);
                return failure == null ? "" : failure;
              },
              clients));
    }
    long t0 = System.nanoTime();
    start.countDown();
    List<String> failures = new ArrayList<>();
    for (CompletableFuture<String> r : results) {
      String failure = r.get(180, TimeUnit.SECONDS);
      if (!failure.isEmpty()) {
        failures.add(failure);
      }
    }
    return new Burst(failures, latencies, Duration.ofNanos(System.nanoTime() - t0));
  }

  /** One pod's mount: the files checked, then unmounted and removed; null when all went well. */
  private @org.jspecify.annotations.Nullable String mountCheckUnmount(
      CsiDriverSimulator driver, int n) {
    try {
      Path target = Files.createDirectory(dir.resolve("v" + n));
      PodVolume volume = volume(target).pod(Fixtures.NAMESPACE, "web-" + n, "uid-" + n).build();
      MountOutcome outcome = driver.mount(volume);
      if (outcome.error().isPresent()) {
        return n + ": " + outcome.error().get().message();
      }
      if (!PASSWORD.equals(MountedFiles.readString(target, "db-password"))
          || MountedFiles.read(target).size() != Fixtures.FILES.size()) {
        return n + ": wrong files";
      }
      driver.unmount(volume);
      Files.delete(target);
      return null;
    } catch (IOException | RuntimeException e) {
      return n + ": " + e;
    }
  }

  private static long percentile(java.util.Collection<Long> nanos, int p) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
    return TimeUnit.NANOSECONDS.toMillis(sorted.get(Math.max(0, index)));
  }

  /**
   * The JVM's live threads (apart from gRPC's default executor), the threads of that executor, open
   * file descriptors and heap in use after a full GC. gRPC's default executor is a cached pool: it
   * grows to the peak number of concurrent calls and drops each idle thread after 60 s, so it is
   * bounded by the concurrency, not compared with the baseline.
   */
  private record Figures(int threads, int grpcExecutorThreads, long fds, long heapBytes) {
    @SuppressWarnings("SystemGc") // measuring the heap after GC is the point
    static Figures measure() {
      for (int i = 0; i < 3; i++) {
        System.gc();
      }
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      long fds;
      try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
        fds = entries.count();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      int grpc = 0;
      int all = 0;
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        all++;
        if (t.getName().startsWith("grpc-default-executor-")) {
          grpc++;
        }
      }
      return new Figures(all - grpc, grpc, fds, heap);
    }

    @Override
    public String toString() {
      return "threads "
          + threads
          + " (+ "
          + grpcExecutorThreads
          + " of gRPC's cached executor), open fds "
          + fds
          + ", heap after GC "
          + heapBytes / 1024
          + " KiB";
    }
  }
}

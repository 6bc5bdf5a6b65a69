// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AscpException;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountParameters;
import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;
import io.ascp.api.ObjectType;
import io.ascp.api.SecretObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher on a hand-run scheduler: no sleeping, no threads of its own. */
class SecretWatcherTest {
  private static final String REGION = "us-east-1";

  /** Tasks run when the test says so; the delays are recorded. */
  static final class ManualScheduler implements Scheduler {
    record Task(Runnable runnable, Duration delay, AtomicBoolean cancelled) {}

    final List<Task> tasks = new ArrayList<>();

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
      AtomicBoolean cancelled = new AtomicBoolean();
      tasks.add(new Task(task, delay, cancelled));
      return () -> cancelled.set(true);
    }

    Duration runNext() {
      Task task = tasks.remove(0);
      if (!task.cancelled().get()) {
        task.runnable().run();
      }
      return task.delay();
    }

    boolean pending() {
      return tasks.stream().anyMatch(t -> !t.cancelled().get());
    }
  }

  private final RecordingSource source = new RecordingSource().value(REGION, "s", "v1");
  private final ManualScheduler scheduler = new ManualScheduler();
  private final SecretMounter mounter =
      SecretMounter.builder()
          .source(source)
          .executor(Runnable::run)
          .planner(MountPipelineTest::plan)
          .extractor(MountPipelineTest::extract)
          .build();
  private final List<MountResult> changes = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final MountRequest request =
      MountRequest.of(
          MountParameters.of(
              REGION, List.of(SecretObject.builder("s", ObjectType.SECRETS_MANAGER).build())),
          CallerIdentity.defaultChain());

  @AfterEach
  void close() {
    mounter.close();
  }

  private SecretWatcher.Builder watcher() {
    return SecretWatcher.builder(mounter, request)
        .scheduler(scheduler)
        .interval(Duration.ofSeconds(60))
        .jitter(0)
        .onChange(changes::add)
        .onFailure(
            (e, last) ->
                failures.add(e.code() + " last=" + last.map(r -> r.string("s")).orElse("<none>")));
  }

  @Test
  void reportsOnlyChangesAndKeepsTheLastGoodContentOnFailure() {
    try (SecretWatcher watcher = watcher().start()) {
      assertThat(watcher.current().string("s")).isEqualTo("v1");
      assertThat(changes).isEmpty();

      scheduler.runNext(); // unchanged
      assertThat(changes).isEmpty();

      source.value(REGION, "s", "v2");
      scheduler.runNext();
      assertThat(changes).extracting(r -> r.string("s")).containsExactly("v2");

      source.error(REGION, "s", ErrorCode.THROTTLED);
      scheduler.runNext();
      assertThat(failures).containsExactly("THROTTLED last=v2");
      assertThat(watcher.current().string("s")).isEqualTo("v2");
      assertThat(scheduler.pending()).isTrue(); // it keeps trying
    }
  }

  @Test
  void theFirstMountMustSucceed() {
    source.error(REGION, "s", ErrorCode.ACCESS_DENIED);
    assertThatThrownBy(() -> watcher().start())
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
    assertThat(scheduler.pending()).isFalse();
  }

  @Test
  void rewritesTheDirectoryOnlyWhenContentChanged(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("secrets");
    try (SecretWatcher watcher = watcher().writeTo(target).start()) {
      assertThat(Files.readString(target.resolve("s"))).isEqualTo("v1");
      Path generation = Files.readSymbolicLink(target.resolve("..data"));

      scheduler.runNext();
      assertThat(Files.readSymbolicLink(target.resolve("..data"))).isEqualTo(generation);

      source.value(REGION, "s", "v2");
      scheduler.runNext();
      assertThat(Files.readString(target.resolve("s"))).isEqualTo("v2");

      source.error(REGION, "s", ErrorCode.BACKEND_UNAVAILABLE);
      scheduler.runNext();
      assertThat(Files.readString(target.resolve("s"))).isEqualTo("v2");
      assertThat(watcher.current().string("s")).isEqualTo("v2");
    }
  }

  @Test
  void intervalsVaryWithinTheJitter() {
    RandomGenerator extremes =
        new RandomGenerator() {
          private int calls;

          @Override
          public long nextLong() {
            return 0;
          }

          @Override
          public double nextDouble() {
            return calls++ % 2 == 0 ? 0.0 : 0.999999;
          }
        };
    try (SecretWatcher watcher = watcher().jitter(0.25).random(extremes).start()) {
      Duration first = scheduler.runNext();
      Duration second = scheduler.runNext();
      assertThat(first).isEqualTo(Duration.ofSeconds(45));
      assertThat(second).isBetween(Duration.ofSeconds(74), Duration.ofSeconds(75));
      assertThat(watcher.current().string("s")).isEqualTo("v1");
    }
  }

  @Test
  void closeStopsRefreshing() {
    SecretWatcher watcher = watcher().start();
    watcher.close();
    source.value(REGION, "s", "v2");
    while (!scheduler.tasks.isEmpty()) {
      scheduler.runNext();
    }
    assertThat(changes).isEmpty();
    watcher.close(); // idempotent
  }

  @Test
  void aFailingCallbackDoesNotStopTheWatcher() {
    try (SecretWatcher watcher =
        watcher()
            .onChange(
                r -> {
                  throw new IllegalStateException("callback bug");
                })
            .start()) {
      source.value(REGION, "s", "v2");
      scheduler.runNext();
      assertThat(failures).containsExactly("INTERNAL last=v1");
      assertThat(scheduler.pending()).isTrue();
      assertThat(watcher.current().string("s")).isEqualTo("v2");
    }
  }

  @Test
  void theBuilderValidates() {
    SecretWatcher.Builder builder = SecretWatcher.builder(mounter, request);
    assertThatThrownBy(() -> builder.interval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT0S");
    assertThatThrownBy(() -> builder.jitter(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> builder.jitter(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theOwnedSchedulerIsADaemonThreadStoppedOnClose() {
    SecretWatcher watcher =
        SecretWatcher.builder(mounter, request).interval(Duration.ofHours(1)).start();
    assertThat(Thread.getAllStackTraces().keySet())
        .anySatisfy(t -> assertThat(t.getName()).isEqualTo("ascp-watch"));
    watcher.close();
    assertThat(watcher.current().string("s")).isEqualTo("v1");
    assertThat(Optional.of(watcher)).isPresent();
  }
}

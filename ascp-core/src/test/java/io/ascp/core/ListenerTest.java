// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AscpException;
import io.ascp.api.AscpListener;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;
import io.ascp.api.ObjectType;
import io.ascp.api.ObjectVersion;
import io.ascp.api.spi.DescribeRequest;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.SecretDescription;
import io.ascp.api.spi.SecretSource;
import io.ascp.testkit.FakeAws;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The events of {@link SecretMounter} and {@link SecretWatcher}, from real mounts of real
 * parameters against the testkit's in-memory AWS store: what each event says, that none names an
 * object or carries a value, and that a throwing listener never breaks a mount.
 */
class ListenerTest {
  private static final String PRIMARY = "us-east-1";
  private static final String FAILOVER = "us-west-2";
  private static final String MARKER = "VALUEMARKERz3";

  private static final String OBJECTS =
      """
      - objectName: app/db
        objectType: secretsmanager
        jmesPath:
          - path: user
            objectAlias: db-user
          - path: password
            objectAlias: db-password
      - objectName: /app/url
        objectType: ssmparameter
      """;

  /** Every event heard, in order. */
  static final class Recorder implements AscpListener {
    final List<Record> events = new CopyOnWriteArrayList<>();

    @Override
    public void mountFinished(MountFinished event) {
      events.add(event);
    }

    @Override
    public void backendCall(BackendCall event) {
      events.add(event);
    }

    @Override
    public void credentialsLookup(CredentialsLookup event) {
      events.add(event);
    }

    @Override
    public void regionSkipped(RegionSkipped event) {
      events.add(event);
    }

    @Override
    public void versionReuse(VersionReuse event) {
      events.add(event);
    }

    @Override
    public void kubernetesLookup(KubernetesLookup event) {
      events.add(event);
    }

    @Override
    public void rotationDetected(RotationDetected event) {
      events.add(event);
    }

    @Override
    public void refreshFailed(RefreshFailed event) {
      events.add(event);
    }

    <T> List<T> of(Class<T> type) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }

  private final FakeAws aws = FakeAws.create();
  private final FakeTicker ticker = new FakeTicker();
  private final Recorder recorder = new Recorder();
  private final List<SecretMounter> mounters = new CopyOnWriteArrayList<>();

  /** The store's source, with each fetch taking 250 ms of the fake ticker. */
  private final SecretSource source =
      new SecretSource() {
        private final SecretSource store = aws.secretSource();

        @Override
        public List<FetchResult> fetch(FetchBatch batch) {
          ticker.advance(Duration.ofMillis(250));
          return store.fetch(batch);
        }

        @Override
        public Optional<SecretDescription> describe(DescribeRequest request) {
          return store.describe(request);
        }
      };

  @AfterEach
  void close() {
    mounters.forEach(SecretMounter::close);
    // Events carry bounded values only: no object name, no value.
    assertThat(recorder.events)
        .allSatisfy(
            e ->
                assertThat(e.toString())
                    .doesNotContain("app/db", "/app/url", "db-user", MARKER, "admin"));
  }

  private SecretMounter mounter(AscpListener listener, RegionBreakerPolicy breakers) {
    SecretMounter mounter =
        SecretMounter.builder()
            .source(source)
            .executor(Runnable::run)
            .ticker(ticker)
            .regionBreakers(breakers)
            .listener(listener)
            .build();
    mounters.add(mounter);
    return mounter;
  }

  private SecretMounter mounter() {
    return mounter(recorder, RegionBreakerPolicy.defaults());
  }

  private void seed(String region) {
    aws.secretsManager(region)
        .createSecret("app/db", "{\"user\":\"admin\",\"password\":\"" + MARKER + "\"}");
    aws.parameterStore(region).putParameter("/app/url", "https://" + MARKER);
  }

  private static Map<String, String> parameters(String objects) {
    return Map.of("region", PRIMARY, "objects", objects);
  }

  @Test
  void aSuccessfulMountReportsItsObjectsFilesAndDuration() {
    seed(PRIMARY);
    MountResult result = mounter().mount(parameters(OBJECTS));

    assertThat(result.files()).hasSize(4);
    // Two batches (one per type) of 250 ms each on the fake ticker.
    assertThat(recorder.of(AscpListener.MountFinished.class))
        .containsExactly(
            new AscpListener.MountFinished(Optional.empty(), Duration.ofMillis(500), 2, 4));
    assertThat(recorder.of(AscpListener.MountFinished.class).get(0).succeeded()).isTrue();
  }

  @Test
  void aFailedMountReportsItsErrorCode() {
    seed(PRIMARY);
    aws.secretsManager(PRIMARY).forceDeleteSecret("app/db");

    assertThatThrownBy(() -> mounter().mount(parameters(OBJECTS)))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));

    AscpListener.MountFinished event =
        recorder.of(AscpListener.MountFinished.class).stream().findFirst().orElseThrow();
    assertThat(event.errorCode()).contains(ErrorCode.NOT_FOUND);
    assertThat(event.succeeded()).isFalse();
    assertThat(event.objects()).isEqualTo(2);
    assertThat(event.files()).isZero();
  }

  @Test
  void parametersThatDoNotParseAreAFailedMountOfNoObjects() {
    assertThatThrownBy(() -> mounter().mount(parameters("- objectName: [")))
        .isInstanceOf(AscpException.class);

    assertThat(recorder.of(AscpListener.MountFinished.class))
        .containsExactly(
            new AscpListener.MountFinished(
                Optional.of(ErrorCode.INVALID_PARAMETERS), Duration.ZERO, 0, 0));
  }

  @Test
  void aThrowingListenerNeverBreaksAMount() {
    seed(PRIMARY);
    List<String> heard = new CopyOnWriteArrayList<>();
    AscpListener throwing =
        new AscpListener() {
          @Override
          public void mountFinished(MountFinished event) {
            heard.add("mount");
            throw new IllegalStateException("listener bug");
          }
        };
    SecretMounter mounter = mounter(throwing, RegionBreakerPolicy.defaults());

    MountResult first = mounter.mount(parameters(OBJECTS));
    MountResult second = mounter.mount(parameters(OBJECTS));

    assertThat(first.string("db-user")).isEqualTo("admin");
    assertThat(second).isEqualTo(first);
    // Still called after it threw.
    assertThat(heard).containsExactly("mount", "mount");
    // A failing mount keeps its own error, not the listener's.
    assertThatThrownBy(() -> mounter.mount(parameters("- objectName: [")))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS));
  }

  @Test
  void aRegionSkippedByItsOpenBreakerIsReported() {
    seed(FAILOVER);
    aws.regionDown(PRIMARY);
    RegionBreakerPolicy breakers =
        RegionBreakerPolicy.builder()
            .windowSize(2)
            .minimumCalls(2)
            .failureRatePercent(50)
            .openDuration(Duration.ofSeconds(30))
            .probeCalls(1)
            .build();
    SecretMounter mounter = mounter(recorder, breakers);
    Map<String, String> parameters =
        Map.of("region", PRIMARY, "failoverRegion", FAILOVER, "objects", OBJECTS);

    mounter.mount(parameters); // two failing batches in the primary: the breaker opens
    assertThat(recorder.of(AscpListener.RegionSkipped.class)).isEmpty();
    mounter.mount(parameters);

    // The types' batches run concurrently: in any order.
    assertThat(recorder.of(AscpListener.RegionSkipped.class))
        .containsExactlyInAnyOrder(
            new AscpListener.RegionSkipped(ObjectType.SECRETS_MANAGER, PRIMARY, 1),
            new AscpListener.RegionSkipped(ObjectType.SSM_PARAMETER, PRIMARY, 1));
    assertThat(recorder.of(AscpListener.MountFinished.class))
        .allMatch(AscpListener.MountFinished::succeeded)
        .hasSize(2);
  }

  @Test
  void versionReuseIsReportedAsHitOrMiss() {
    aws.secretsManager(PRIMARY).createSecret("app/db", "{\"user\":\"a\"}");
    String first =
        aws.secretsManager(PRIMARY)
            .describeSecret("app/db")
            .versionWithStage("AWSCURRENT")
            .orElseThrow();
    SecretMounter mounter = mounter();
    MountRequest plain =
        MountRequest.of(
            ParameterParser.parse(
                parameters("- objectName: app/db\n  objectType: secretsmanager\n"), PRIMARY),
            CallerIdentity.defaultChain());
    MountRequest withVersion =
        new MountRequest(
            plain.parameters(),
            plain.identity(),
            0644,
            List.of(new ObjectVersion("app_db", first)));

    mounter.mount(plain);
    assertThat(recorder.of(AscpListener.VersionReuse.class)).isEmpty();
    // Still current, but nothing was kept before a driver sent versions: a miss.
    mounter.mount(withVersion);
    // Still current and kept now: a hit.
    mounter.mount(withVersion);
    // Rotated: the mounted version is no longer current, a miss.
    aws.secretsManager(PRIMARY).rotate("app/db", "{\"user\":\"b\"}");
    MountResult rotated = mounter.mount(withVersion);

    assertThat(rotated.string("app_db")).isEqualTo("{\"user\":\"b\"}");
    assertThat(recorder.of(AscpListener.VersionReuse.class))
        .containsExactly(
            new AscpListener.VersionReuse(PRIMARY, false),
            new AscpListener.VersionReuse(PRIMARY, true),
            new AscpListener.VersionReuse(PRIMARY, false));
  }

  @Test
  void aWatcherReportsRotationsAndConsecutiveFailures() {
    aws.secretsManager(PRIMARY).createSecret("app/db", "{\"user\":\"a\"}");
    String v1 =
        aws.secretsManager(PRIMARY)
            .describeSecret("app/db")
            .versionWithStage("AWSCURRENT")
            .orElseThrow();
    aws.parameterStore(PRIMARY).putParameter("/app/url", "u1");
    SecretWatcherTest.ManualScheduler scheduler = new SecretWatcherTest.ManualScheduler();
    Recorder watcherEvents = new Recorder();
    MountRequest request =
        MountRequest.of(
            ParameterParser.parse(
                parameters(
                    """
                    - objectName: app/db
                      objectType: secretsmanager
                    - objectName: /app/url
                      objectType: ssmparameter
                    """),
                PRIMARY),
            CallerIdentity.defaultChain());
    try (SecretWatcher watcher =
        SecretWatcher.builder(mounter(), request)
            .scheduler(scheduler)
            .jitter(0)
            .listener(watcherEvents)
            .start()) {
      assertThat(watcher.current().version("app_db")).contains(v1);
      scheduler.runNext(); // unchanged: no event
      assertThat(watcherEvents.events).isEmpty();

      aws.secretsManager(PRIMARY).rotate("app/db", "{\"user\":\"b\"}");
      scheduler.runNext();
      assertThat(watcherEvents.events).containsExactly(new AscpListener.RotationDetected(2, 1));

      aws.regionDown(PRIMARY);
      scheduler.runNext();
      scheduler.runNext();
      aws.regionUp(PRIMARY);
      aws.parameterStore(PRIMARY).putParameter("/app/url", "u2");
      aws.secretsManager(PRIMARY).rotate("app/db", "{\"user\":\"c\"}");
      scheduler.runNext();
      aws.secretsManager(PRIMARY).forceDeleteSecret("app/db");
      scheduler.runNext();

      assertThat(watcherEvents.events)
          .containsExactly(
              new AscpListener.RotationDetected(2, 1),
              new AscpListener.RefreshFailed(ErrorCode.BACKEND_UNAVAILABLE, 1),
              new AscpListener.RefreshFailed(ErrorCode.BACKEND_UNAVAILABLE, 2),
              new AscpListener.RotationDetected(2, 2),
              new AscpListener.RefreshFailed(ErrorCode.NOT_FOUND, 1));
    }
    // The mounter heard the mounts (1 start + 6 refreshes); the watcher's listener did not.
    assertThat(recorder.of(AscpListener.MountFinished.class)).hasSize(7);
  }

  /** The sample of {@link AscpListener}'s Javadoc and docs/library.md, "Observability". */
  @Test
  void theDocumentedSample() {
    seed(PRIMARY);
    SecretSource source = aws.secretSource();
    // --- sample begins
    AtomicLong failedMounts = new AtomicLong();
    AscpListener listener =
        new AscpListener() {
          @Override
          public void mountFinished(MountFinished event) {
            if (!event.succeeded()) {
              failedMounts.incrementAndGet();
            }
          }
        };
    SecretMounter mounter = SecretMounter.builder().source(source).listener(listener).build();
    // --- sample ends
    mounters.add(mounter);
    mounter.mount(parameters(OBJECTS));
    assertThatThrownBy(() -> mounter.mount(parameters("- objectName: [")))
        .isInstanceOf(AscpException.class);
    assertThat(failedMounts).hasValue(1);
  }

  @Test
  void changedVersionsCountsAddedRemovedAndChanged() {
    MountResult before =
        new MountResult(
            List.of(),
            List.of(
                new ObjectVersion("a", "1"),
                new ObjectVersion("b", "1"),
                new ObjectVersion("c", "1")));
    MountResult after =
        new MountResult(
            List.of(),
            List.of(
                new ObjectVersion("a", "1"),
                new ObjectVersion("b", "2"),
                new ObjectVersion("d", "1")));
    assertThat(SecretWatcher.changedVersions(before, after)).isEqualTo(3);
    assertThat(SecretWatcher.changedVersions(before, before)).isZero();
  }

  @Test
  void eventsRejectNegativeValues() {
    assertThatThrownBy(
            () -> new AscpListener.MountFinished(Optional.empty(), Duration.ofMillis(-1), 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duration");
    assertThatThrownBy(() -> new AscpListener.RegionSkipped(ObjectType.SSM_PARAMETER, "r", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("objects");
    assertThatThrownBy(() -> new AscpListener.RefreshFailed(ErrorCode.INTERNAL, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("consecutiveFailures");
  }
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AddressPreference;
import io.ascp.api.AscpException;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.FailoverObject;
import io.ascp.api.JmesPathEntry;
import io.ascp.api.MountParameters;
import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;
import io.ascp.api.MountedFile;
import io.ascp.api.ObjectType;
import io.ascp.api.ObjectVersion;
import io.ascp.api.PathTranslation;
import io.ascp.api.SecretObject;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.ObjectRequest;
import io.ascp.api.spi.SecretSource;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The mount pipeline in isolation: a scripted source, and a minimal planner and extractor (the real
 * file layout and JMESPath extraction are tested on their own and together in SecretMounterTest).
 */
class MountPipelineTest {
  private static final String PRIMARY = "us-east-1";
  private static final String FAILOVER = "us-west-2";

  private final RecordingSource source = new RecordingSource();
  private final FakeTicker ticker = new FakeTicker();
  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  @AfterEach
  void shutdown() {
    executor.shutdownNow();
  }

  /** Files named by alias or name ('/' → '_'), then one per JMESPath entry. */
  static List<FileSlot> plan(MountParameters parameters, int defaultMode) {
    List<FileSlot> files = new ArrayList<>();
    List<SecretObject> objects = parameters.objects();
    for (int i = 0; i < objects.size(); i++) {
      SecretObject o = objects.get(i);
      int mode = o.filePermission().orElse(defaultMode) & 0777;
      files.add(
          new FileSlot(i, -1, o.objectAlias().orElse(o.objectName()).replace('/', '_'), mode));
      for (int j = 0; j < o.jmesPath().size(); j++) {
        files.add(new FileSlot(i, j, o.jmesPath().get(j).objectAlias(), mode));
      }
    }
    return files;
  }

  /** Values look like "k1=v1;k2=v2"; a JMESPath entry's path names a key. */
  static List<byte[]> extract(SecretObject object, byte[] value) {
    String text = new String(value, StandardCharsets.UTF_8);
    List<byte[]> out = new ArrayList<>();
    for (JmesPathEntry entry : object.jmesPath()) {
      String found = null;
      for (String pair : text.split(";", -1)) {
        String[] kv = pair.split("=", 2);
        if (kv.length == 2 && kv[0].equals(entry.path())) {
          found = kv[1];
        }
      }
      if (found == null) {
        throw new AscpException(
            ErrorCode.EXTRACTION_FAILED,
            "JMES Path - "
                + entry.path()
                + " for object alias - "
                + entry.objectAlias()
                + " does not point to a valid object.");
      }
      out.add(found.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  private SecretMounter mounter(RegionBreakerPolicy policy) {
    return SecretMounter.builder()
        .source(source)
        .executor(executor)
        .ticker(ticker)
        .regionBreakers(policy)
        .planner(MountPipelineTest::plan)
        .extractor(MountPipelineTest::extract)
        .build();
  }

  private SecretMounter mounter() {
    return mounter(RegionBreakerPolicy.defaults());
  }

  private static MountParameters params(boolean failover, SecretObject... objects) {
    return new MountParameters(
        PRIMARY,
        failover ? Optional.of(FAILOVER) : Optional.empty(),
        PathTranslation.DEFAULT,
        false,
        AddressPreference.AUTO,
        List.of(objects));
  }

  private static SecretObject sm(String name) {
    return SecretObject.builder(name, ObjectType.SECRETS_MANAGER).build();
  }

  private static SecretObject ssm(String name) {
    return SecretObject.builder(name, ObjectType.SSM_PARAMETER).build();
  }

  private static MountRequest request(MountParameters parameters) {
    return MountRequest.of(parameters, CallerIdentity.defaultChain());
  }

  @Test
  void objectsOfOneTypeGoAsOneBatchPerTypeAndFilesKeepSpcOrder() {
    source
        .value(PRIMARY, "b", "B")
        .value(PRIMARY, "a", "A")
        .value(PRIMARY, "/p/1", "P1")
        .value(PRIMARY, "/p/2", "P2");
    MountResult result =
        mounter().mount(request(params(false, sm("b"), ssm("/p/1"), sm("a"), ssm("/p/2"))));

    assertThat(source.calls).hasSize(2);
    assertThat(source.calls)
        .extracting(c -> c.batch().type())
        .containsExactlyInAnyOrder(ObjectType.SECRETS_MANAGER, ObjectType.SSM_PARAMETER);
    for (RecordingSource.Call call : source.calls) {
      List<String> names = call.batch().objects().stream().map(ObjectRequest::name).toList();
      if (call.batch().type() == ObjectType.SECRETS_MANAGER) {
        assertThat(names).containsExactly("b", "a");
      } else {
        assertThat(names).containsExactly("/p/1", "/p/2");
      }
    }
    assertThat(result.files())
        .extracting(MountedFile::path)
        .containsExactly("b", "_p_1", "a", "_p_2");
    assertThat(result.files())
        .extracting(MountedFile::contentsAsString)
        .containsExactly("B", "P1", "A", "P2");
    assertThat(result.files()).extracting(MountedFile::mode).containsOnly(0644);
    assertThat(result.versions())
        .extracting(ObjectVersion::id)
        .containsExactly("_p_1", "_p_2", "a", "b");
  }

  @Test
  void batchesOfDifferentTypesOverlapInTime() throws Exception {
    // Each batch waits (bounded) until the other has started: only concurrent batches finish.
    CountDownLatch bothStarted = new CountDownLatch(2);
    source.onFetch =
        batch -> {
          bothStarted.countDown();
          try {
            if (!bothStarted.await(30, TimeUnit.SECONDS)) {
              throw new AssertionError("the other batch never started: batches ran one by one");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    source.value(PRIMARY, "s", "S").value(PRIMARY, "p", "P");
    mounter().mount(request(params(false, sm("s"), ssm("p"))));

    RecordingSource.Call first = source.calls.get(0);
    RecordingSource.Call second = source.calls.get(1);
    assertThat(first.startSeq()).isLessThan(second.endSeq());
    assertThat(second.startSeq()).isLessThan(first.endSeq());
  }

  @Test
  void failoverRegionIsAskedOnlyAfterANonFatalFailureAndServesContentsAndVersion() {
    SecretObject object =
        SecretObject.builder("db", ObjectType.SECRETS_MANAGER)
            .objectAlias("db")
            .objectVersionLabel("AWSCURRENT")
            .failoverObject(
                new FailoverObject(Optional.of("db-replica"), Optional.empty(), Optional.empty()))
            .build();
    source
        .error(PRIMARY, "db", ErrorCode.THROTTLED)
        .value(FAILOVER, "db-replica", "from-failover")
        .value(PRIMARY, "ok", "from-primary");

    MountResult result = mounter().mount(request(params(true, object, sm("ok"))));

    assertThat(source.regionsCalled()).containsExactly(PRIMARY, FAILOVER);
    FetchBatch failoverBatch = source.calls.get(1).batch();
    assertThat(failoverBatch.objects())
        .containsExactly(
            new ObjectRequest("db-replica", Optional.empty(), Optional.of("AWSCURRENT")));
    assertThat(result.file("db").orElseThrow().contentsAsString()).isEqualTo("from-failover");
    assertThat(result.file("ok").orElseThrow().contentsAsString()).isEqualTo("from-primary");
    assertThat(result.versions())
        .containsExactly(
            new ObjectVersion("db", FAILOVER + "/cur/AWSCURRENT"),
            new ObjectVersion("ok", PRIMARY + "/cur/"));
  }

  @Test
  void primarySuccessNeverAsksTheFailoverRegion() {
    source.value(PRIMARY, "a", "A").value(FAILOVER, "a", "other");
    MountResult result = mounter().mount(request(params(true, sm("a"))));
    assertThat(source.regionsCalled()).containsExactly(PRIMARY);
    assertThat(result.versions()).containsExactly(new ObjectVersion("a", PRIMARY + "/cur/"));
  }

  @Test
  void fatalErrorAbortsWithoutFailover() {
    source.error(PRIMARY, "a", ErrorCode.NOT_FOUND).value(FAILOVER, "a", "A");
    assertThatThrownBy(() -> mounter().mount(request(params(true, sm("a")))))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessage(PRIMARY + ": Failed fetching secret a: NOT_FOUND");
    assertThat(source.regionsCalled()).containsExactly(PRIMARY);
  }

  @Test
  void fatalErrorInTheFailoverRegionAlsoAborts() {
    source
        .error(PRIMARY, "a", ErrorCode.ACCESS_DENIED)
        .error(FAILOVER, "a", ErrorCode.DECRYPTION_FAILED);
    assertThatThrownBy(() -> mounter().mount(request(params(true, sm("a")))))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DECRYPTION_FAILED))
        .hasMessage(FAILOVER + ": Failed fetching secret a: DECRYPTION_FAILED");
  }

  @Test
  void allRegionsFailedKeepsTheReferenceTextAndAddsEachRegionsCause() {
    source.error(PRIMARY, "a", ErrorCode.ACCESS_DENIED).error(FAILOVER, "a", ErrorCode.THROTTLED);
    assertThatThrownBy(() -> mounter().mount(request(params(true, sm("a")))))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED))
        .hasMessage(
            "Failed to fetch secret from all regions. Verify secret exists and required"
                + " permissions are granted for: a; us-east-1: Failed fetching secret a:"
                + " ACCESS_DENIED; us-west-2: Failed fetching secret a: THROTTLED");
  }

  @Test
  void parameterStoreFailuresUseTheParameterText() {
    source.error(PRIMARY, "/p", ErrorCode.THROTTLED);
    assertThatThrownBy(() -> mounter().mount(request(params(false, ssm("/p")))))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.THROTTLED))
        .hasMessage(
            "Failed to fetch parameters from all regions.; us-east-1: Failed fetching secret /p:"
                + " THROTTLED");
  }

  @Test
  void extractionFailureTriesTheFailoverRegionAndIsNeverMasked() {
    SecretObject object =
        SecretObject.builder("json", ObjectType.SECRETS_MANAGER)
            .addJmesPath(JmesPathEntry.of("user", "user-file"))
            .build();
    source.value(PRIMARY, "json", "pass=x").value(FAILOVER, "json", "user=alice");
    MountResult result = mounter().mount(request(params(true, object)));
    assertThat(result.file("user-file").orElseThrow().contentsAsString()).isEqualTo("alice");
    assertThat(result.versions())
        .extracting(ObjectVersion::version)
        .containsOnly(FAILOVER + "/cur/");

    source.value(FAILOVER, "json", "nope=1");
    assertThatThrownBy(() -> mounter().mount(request(params(true, object))))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EXTRACTION_FAILED))
        .hasMessageContaining(
            "us-east-1: JMES Path - user for object alias - user-file does not point to a valid"
                + " object.")
        .hasMessageContaining("us-west-2: JMES Path - user");
  }

  @Test
  void zeroObjectsIsAClearInvalidParametersError() {
    assertThatThrownBy(() -> mounter().mount(request(params(false))))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS))
        .hasMessageContaining("No objects to mount");
  }

  @Test
  void theErrorOfTheFirstFailingObjectWinsAcrossTypes() {
    source.error(PRIMARY, "p", ErrorCode.NOT_FOUND).error(PRIMARY, "s", ErrorCode.NOT_FOUND);
    for (int run = 0; run < 20; run++) {
      assertThatThrownBy(() -> mounter().mount(request(params(false, ssm("p"), sm("s")))))
          .hasMessageContaining("secret p:");
    }
  }

  @Test
  void aBuggySourceBecomesAnInternalErrorWithoutItsMessage() {
    SecretSource buggy =
        batch -> {
          throw new IllegalStateException("MARKER-secret-in-a-bug");
        };
    SecretMounter mounter =
        SecretMounter.builder()
            .source(buggy)
            .executor(executor)
            .planner(MountPipelineTest::plan)
            .extractor(MountPipelineTest::extract)
            .build();
    assertThatThrownBy(() -> mounter.mount(request(params(false, sm("a")))))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
        .hasMessageContaining("IllegalStateException")
        .hasMessageNotContaining("MARKER");
  }

  @Test
  void aSourceReturningTheWrongNumberOfResultsIsAnInternalError() {
    SecretSource wrong = batch -> List.<FetchResult>of();
    SecretMounter mounter =
        SecretMounter.builder()
            .source(wrong)
            .executor(executor)
            .planner(MountPipelineTest::plan)
            .extractor(MountPipelineTest::extract)
            .build();
    assertThatThrownBy(() -> mounter.mount(request(params(false, sm("a")))))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
        .hasMessageContaining("returned 0 results for 1 objects");
  }

  @Test
  void aWholeBatchFailureAppliesToEveryObject() {
    source
        .regionDown(PRIMARY, ErrorCode.BACKEND_UNAVAILABLE)
        .value(FAILOVER, "a", "A")
        .value(FAILOVER, "b", "B");
    MountResult result = mounter().mount(request(params(true, sm("a"), sm("b"))));
    assertThat(result.files()).extracting(MountedFile::contentsAsString).containsExactly("A", "B");
  }

  @Test
  void breakerSkipsAFailingPrimaryOnlyWhileAFailoverRegionRemainsAndProbesItLater() {
    RegionBreakerPolicy policy =
        RegionBreakerPolicy.builder()
            .windowSize(4)
            .minimumCalls(2)
            .failureRatePercent(50)
            .openDuration(Duration.ofSeconds(30))
            .probeCalls(1)
            .build();
    SecretMounter mounter = mounter(policy);
    source.regionDown(PRIMARY, ErrorCode.BACKEND_UNAVAILABLE).value(FAILOVER, "a", "A");
    MountRequest req = request(params(true, sm("a")));

    mounter.mount(req);
    mounter.mount(req);
    assertThat(source.regionsCalled()).containsExactly(PRIMARY, FAILOVER, PRIMARY, FAILOVER);

    // Open: the primary is skipped, the failover serves.
    source.calls.clear();
    MountResult result = mounter.mount(req);
    assertThat(source.regionsCalled()).containsExactly(FAILOVER);
    assertThat(result.file("a").orElseThrow().contentsAsString()).isEqualTo("A");

    // A mount with only the primary region still calls it (the breaker never fails a mount).
    source.calls.clear();
    source.value(PRIMARY, "solo", "S");
    assertThatThrownBy(() -> mounter.mount(request(params(false, sm("solo")))))
        .hasMessageContaining("region is down");
    assertThat(source.regionsCalled()).containsExactly(PRIMARY);

    // After the open duration one probe goes to the primary; it has recovered, so it closes.
    source.regionUp(PRIMARY).value(PRIMARY, "a", "A-primary");
    ticker.advance(Duration.ofSeconds(31));
    source.calls.clear();
    result = mounter.mount(req);
    assertThat(source.regionsCalled()).containsExactly(PRIMARY);
    assertThat(result.file("a").orElseThrow().contentsAsString()).isEqualTo("A-primary");
  }

  @Test
  void breakerCountsOnlyServerSideFailures() {
    RegionBreakerPolicy policy =
        RegionBreakerPolicy.builder().windowSize(2).minimumCalls(2).probeCalls(1).build();
    SecretMounter mounter = mounter(policy);
    source.error(PRIMARY, "a", ErrorCode.THROTTLED).value(FAILOVER, "a", "A");
    for (int i = 0; i < 5; i++) {
      mounter.mount(request(params(true, sm("a"))));
    }
    // Throttling belongs to one identity: the primary is still asked every time.
    assertThat(source.regionsCalled().stream().filter(PRIMARY::equals)).hasSize(5);
  }

  @Test
  void breakerStateFollowsTheTicker() {
    RegionBreakers breakers =
        new RegionBreakers(
            RegionBreakerPolicy.builder()
                .windowSize(2)
                .minimumCalls(2)
                .openDuration(Duration.ofSeconds(10))
                .probeCalls(1)
                .build(),
            ticker);
    assertThat(breakers.acquire("r")).isEqualTo(RegionBreakers.Permit.ALLOWED);
    breakers.record("r", true, 1);
    assertThat(breakers.acquire("r")).isEqualTo(RegionBreakers.Permit.ALLOWED);
    breakers.record("r", true, 1);
    assertThat(breakers.state("r")).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breakers.acquire("r")).isEqualTo(RegionBreakers.Permit.DENIED);
    ticker.advance(Duration.ofSeconds(9));
    assertThat(breakers.acquire("r")).isEqualTo(RegionBreakers.Permit.DENIED);
    ticker.advance(Duration.ofSeconds(2));
    assertThat(breakers.acquire("r")).isEqualTo(RegionBreakers.Permit.ALLOWED);
    assertThat(breakers.state("r")).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    breakers.record("r", true, 1);
    assertThat(breakers.state("r")).isEqualTo(CircuitBreaker.State.OPEN);
    ticker.advance(Duration.ofSeconds(11));
    assertThat(breakers.acquire("r")).isEqualTo(RegionBreakers.Permit.ALLOWED);
    breakers.record("r", false, 1);
    assertThat(breakers.state("r")).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(new RegionBreakers(RegionBreakerPolicy.disabled(), ticker).acquire("r"))
        .isEqualTo(RegionBreakers.Permit.UNCHECKED);
  }

  @Test
  void ownedExecutorIsShutDownOnCloseButAGivenOneIsNot() {
    ExecutorService given = Executors.newSingleThreadExecutor();
    try {
      SecretMounter.builder().source(source).executor(given).build().close();
      assertThat(given.isShutdown()).isFalse();
    } finally {
      given.shutdownNow();
    }
    assertThatThrownBy(() -> SecretMounter.builder().executor(executor).parallelism(2))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> SecretMounter.builder().parallelism(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SecretMounter.builder().build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aTypeWithoutASourceIsReported() {
    SecretMounter mounter =
        SecretMounter.builder()
            .source(ObjectType.SECRETS_MANAGER, source)
            .executor(executor)
            .planner(MountPipelineTest::plan)
            .extractor(MountPipelineTest::extract)
            .build();
    assertThatThrownBy(() -> mounter.mount(request(params(false, ssm("/p")))))
        .hasMessage("No source is configured for objectType ssmparameter (object /p)");
  }

  @Test
  void regionBreakerPolicyValidates() {
    assertThatThrownBy(() -> RegionBreakerPolicy.builder().windowSize(2).minimumCalls(3).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minimumCalls");
    assertThatThrownBy(() -> RegionBreakerPolicy.builder().openDuration(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT0S");
    assertThat(RegionBreakerPolicy.defaults().toBuilder().build())
        .isEqualTo(RegionBreakerPolicy.defaults());
  }
}

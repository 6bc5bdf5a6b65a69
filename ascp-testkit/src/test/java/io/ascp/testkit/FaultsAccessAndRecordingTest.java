// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AscpException;
import io.ascp.api.AuthMode;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.ObjectType;
import io.ascp.api.spi.DescribeRequest;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.ObjectRequest;
import io.ascp.api.spi.SecretSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Faults, access rules and call recording, through the store's {@code SecretSource}. */
class FaultsAccessAndRecordingTest {
  private static final String EAST = "us-east-1";
  private static final String WEST = "us-west-2";
  private static final String ROLE_A = "arn:aws:iam::123456789012:role/a";
  private static final String ROLE_B = "arn:aws:iam::123456789012:role/b";

  private final FakeTicker ticker = FakeTicker.create();
  private final FakeAws aws = FakeAws.builder().ticker(ticker).build();
  private final SecretSource source = aws.secretSource();
  private final ExecutorService pool = Executors.newCachedThreadPool();

  FaultsAccessAndRecordingTest() {
    for (String region : List.of(EAST, WEST)) {
      aws.secretsManager(region).createSecret("a/one", "1");
      aws.secretsManager(region).createSecret("b/two", "2");
      aws.parameterStore(region).putParameter("/a/p", "p");
    }
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static CallerIdentity role(String arn) {
    return CallerIdentity.builder().authMode(AuthMode.IRSA).roleArn(arn).build();
  }

  private List<FetchResult> secrets(String region, CallerIdentity who, String... names) {
    List<ObjectRequest> objects = new ArrayList<>();
    for (String n : names) {
      objects.add(ObjectRequest.of(n));
    }
    return source.fetch(new FetchBatch(ObjectType.SECRETS_MANAGER, region, who, objects));
  }

  private List<FetchResult> parameters(String region, String... names) {
    List<ObjectRequest> objects = new ArrayList<>();
    for (String n : names) {
      objects.add(ObjectRequest.of(n));
    }
    return source.fetch(
        new FetchBatch(ObjectType.SSM_PARAMETER, region, CallerIdentity.defaultChain(), objects));
  }

  private static AscpException failure(FetchResult r) {
    assertThat(r).isInstanceOf(FetchResult.Failed.class);
    return ((FetchResult.Failed) r).error();
  }

  @Test
  void errorFaultsApplyPerRegionAndOperationThenStop() {
    aws.inject(
        AwsFault.error(AwsError.throttling())
            .region(EAST)
            .operation(AwsOperation.GET_SECRET_VALUE)
            .times(2)
            .build());
    CallerIdentity who = CallerIdentity.defaultChain();
    // Another region and another operation are not affected.
    assertThat(secrets(WEST, who, "a/one").get(0)).isInstanceOf(FetchResult.Found.class);
    assertThat(parameters(EAST, "/a/p").get(0)).isInstanceOf(FetchResult.Found.class);
    // Two failures, then success.
    List<FetchResult> r = secrets(EAST, who, "a/one", "a/one", "a/one");
    assertThat(failure(r.get(0)).code()).isEqualTo(ErrorCode.THROTTLED);
    assertThat(failure(r.get(0)).getMessage())
        .isEqualTo("Failed fetching secret a/one: ThrottlingException: Rate exceeded");
    assertThat(failure(r.get(1)).isRetryable()).isTrue();
    assertThat(r.get(2)).isInstanceOf(FetchResult.Found.class);
    assertThat(aws.calls(AwsOperation.GET_SECRET_VALUE))
        .extracting(c -> c.region() + ":" + c.errorCode().orElse("OK"))
        .containsExactly(
            "us-west-2:OK",
            "us-east-1:ThrottlingException",
            "us-east-1:ThrottlingException",
            "us-east-1:OK");
  }

  @Test
  void awsErrorCodesMapToTheErrorModel() {
    List<AwsError> errors =
        List.of(
            AwsError.secretNotFound(),
            AwsError.accessDenied("p", AwsOperation.GET_SECRET_VALUE, "r"),
            AwsError.throttling(),
            AwsError.internalServiceError(),
            AwsError.serviceUnavailable(),
            AwsError.decryptionFailure(),
            AwsError.of("ExpiredTokenException", 400, "expired"),
            AwsError.of("InvalidRequestException", 400, "deleted"));
    for (AwsError e : errors) {
      aws.inject(AwsFault.error(e).operation(AwsOperation.GET_SECRET_VALUE).times(1).build());
    }
    List<ErrorCode> codes = new ArrayList<>();
    for (int i = 0; i < errors.size(); i++) {
      codes.add(failure(secrets(EAST, CallerIdentity.defaultChain(), "a/one").get(0)).code());
    }
    assertThat(codes)
        .containsExactly(
            ErrorCode.NOT_FOUND,
            ErrorCode.ACCESS_DENIED,
            ErrorCode.THROTTLED,
            ErrorCode.BACKEND_UNAVAILABLE,
            ErrorCode.BACKEND_UNAVAILABLE,
            ErrorCode.DECRYPTION_FAILED,
            ErrorCode.CREDENTIALS,
            ErrorCode.INVALID_PARAMETERS);
  }

  @Test
  void aGetParametersFaultFailsTheWholeChunk() {
    aws.inject(AwsFault.error(AwsError.invalidKeyId()).object("/a/p").times(1).build());
    List<FetchResult> r = parameters(EAST, "/a/p", "/missing");
    assertThat(failure(r.get(0)).code()).isEqualTo(ErrorCode.DECRYPTION_FAILED);
    assertThat(failure(r.get(1)).code()).isEqualTo(ErrorCode.DECRYPTION_FAILED);
    r = parameters(EAST, "/a/p", "/missing");
    assertThat(r.get(0)).isInstanceOf(FetchResult.Found.class);
    assertThat(failure(r.get(1)).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failure(r.get(1)).getMessage())
        .isEqualTo("Failed fetching parameters: invalid parameters: /missing");
  }

  @Test
  void objectAndPrincipalFaultsHitOnlyTheirTargets() {
    aws.inject(AwsFault.error(AwsError.decryptionFailure()).object("b/two").build());
    aws.inject(AwsFault.error(AwsError.throttling()).principal(ROLE_B).build());
    List<FetchResult> r = secrets(EAST, role(ROLE_A), "a/one", "b/two");
    assertThat(r.get(0)).isInstanceOf(FetchResult.Found.class);
    assertThat(failure(r.get(1)).code()).isEqualTo(ErrorCode.DECRYPTION_FAILED);
    assertThat(failure(secrets(EAST, role(ROLE_B), "a/one").get(0)).code())
        .isEqualTo(ErrorCode.THROTTLED);
  }

  @Test
  void aRegionDownFailsEveryCallToItUntilItComesBack() {
    aws.regionDown(WEST);
    AscpException e = failure(secrets(WEST, CallerIdentity.defaultChain(), "a/one").get(0));
    assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
    assertThat(e.getMessage()).contains("us-west-2").contains("a/one");
    assertThat(failure(parameters(WEST, "/a/p").get(0)).code())
        .isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
    assertThat(secrets(EAST, CallerIdentity.defaultChain(), "a/one").get(0))
        .isInstanceOf(FetchResult.Found.class);
    assertThatThrownBy(
            () ->
                source.describe(new DescribeRequest(WEST, CallerIdentity.defaultChain(), "a/one")))
        .isInstanceOfSatisfying(
            AscpException.class,
            x -> assertThat(x.code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE));
    aws.regionUp(WEST);
    assertThat(secrets(WEST, CallerIdentity.defaultChain(), "a/one").get(0))
        .isInstanceOf(FetchResult.Found.class);
    assertThat(aws.calls())
        .filteredOn(c -> c.errorCode().equals(Optional.of("ConnectionFailure")))
        .hasSize(3);
  }

  @Test
  void latencyIsVirtualAndCallsOverlapUntilTheTickerMoves() throws Exception {
    aws.inject(
        AwsFault.latency(Duration.ofSeconds(2)).operation(AwsOperation.GET_SECRET_VALUE).build());
    List<Future<List<FetchResult>>> futures = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      futures.add(pool.submit(() -> secrets(EAST, CallerIdentity.defaultChain(), "a/one")));
    }
    aws.awaitInFlight(3, Duration.ofSeconds(30));
    assertThat(futures).noneMatch(Future::isDone);
    assertThat(ticker.pendingDelays()).isEqualTo(3);
    ticker.advance(Duration.ofSeconds(2));
    for (Future<List<FetchResult>> f : futures) {
      assertThat(f.get(30, TimeUnit.SECONDS).get(0)).isInstanceOf(FetchResult.Found.class);
    }
    List<RecordedCall> calls = aws.calls(AwsOperation.GET_SECRET_VALUE);
    assertThat(calls).hasSize(3);
    assertThat(RecordedCall.maxConcurrency(calls)).isEqualTo(3);
    assertThat(calls.get(0).overlaps(calls.get(1))).isTrue();
    assertThat(calls).allSatisfy(c -> assertThat(c.endNanos() - c.startNanos()).isPositive());
    assertThat(aws.inFlight()).isZero();
  }

  @Test
  void sequentialCallsDoNotOverlap() throws Exception {
    aws.inject(AwsFault.latency(Duration.ofSeconds(1)).build());
    Future<List<FetchResult>> first =
        pool.submit(() -> secrets(EAST, CallerIdentity.defaultChain(), "a/one", "b/two"));
    for (int i = 1; i <= 2; i++) {
      aws.awaitInFlight(1, Duration.ofSeconds(30));
      assertThat(aws.inFlight()).isEqualTo(1);
      ticker.advance(Duration.ofSeconds(1));
      // The call is recorded before advance() returns.
      assertThat(aws.calls()).hasSize(i);
    }
    assertThat(first.get(30, TimeUnit.SECONDS)).allMatch(r -> r instanceof FetchResult.Found);
    assertThat(RecordedCall.maxConcurrency(aws.calls())).isEqualTo(1);
    assertThat(aws.calls().get(0).overlaps(aws.calls().get(1))).isFalse();
  }

  @Test
  void accessRulesIsolateIdentities() {
    aws.iam()
        .allow(ROLE_A, AwsService.SECRETS_MANAGER, "a/*")
        .allow(ROLE_B, AwsService.SECRETS_MANAGER, "b/*");
    assertThat(aws.iam().enforcesAccess()).isTrue();
    List<FetchResult> a = secrets(EAST, role(ROLE_A), "a/one", "b/two");
    assertThat(a.get(0)).isInstanceOf(FetchResult.Found.class);
    AscpException denied = failure(a.get(1));
    assertThat(denied.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
    assertThat(denied.getMessage())
        .isEqualTo(
            "Failed fetching secret b/two: AccessDeniedException: User: "
                + ROLE_A
                + " is not authorized to perform: secretsmanager:GetSecretValue on resource: "
                + aws.secretsManager(EAST).arn("b/two")
                + " because no identity-based policy allows the secretsmanager:GetSecretValue"
                + " action");
    List<FetchResult> b = secrets(EAST, role(ROLE_B), "a/one", "b/two", "b/missing");
    assertThat(failure(b.get(0)).code()).isEqualTo(ErrorCode.ACCESS_DENIED);
    assertThat(b.get(1)).isInstanceOf(FetchResult.Found.class);
    // Allowed but missing: not found, not denied.
    assertThat(failure(b.get(2)).code()).isEqualTo(ErrorCode.NOT_FOUND);
    // No rule at all for SSM: every SSM call is denied.
    assertThat(failure(parameters(EAST, "/a/p").get(0)).code()).isEqualTo(ErrorCode.ACCESS_DENIED);
  }

  @Test
  void principalsComeFromTheIdentity() {
    secrets(EAST, role(ROLE_A), "a/one");
    secrets(EAST, CallerIdentity.builder().namespace("ns").serviceAccount("sa").build(), "a/one");
    secrets(EAST, CallerIdentity.defaultChain(), "a/one");
    assertThat(aws.calls())
        .extracting(RecordedCall::principal)
        .containsExactly(ROLE_A, "system:serviceaccount:ns:sa", "default");
    SecretSource custom = aws.secretSource(id -> "custom-" + id.podName());
    custom.fetch(
        new FetchBatch(
            ObjectType.SECRETS_MANAGER,
            EAST,
            CallerIdentity.builder().podName("p1").build(),
            List.of(ObjectRequest.of("a/one"))));
    assertThat(aws.calls().get(3).principal()).isEqualTo("custom-p1");
  }

  @Test
  void callsAreRecordedWithTheirObjectsAndNeverTheirValues() {
    List<ObjectRequest> many = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      many.add(ObjectRequest.of("/p" + i));
    }
    source.fetch(
        new FetchBatch(ObjectType.SSM_PARAMETER, EAST, CallerIdentity.defaultChain(), many));
    source.describe(new DescribeRequest(EAST, CallerIdentity.defaultChain(), "a/one"));
    List<RecordedCall> calls = aws.calls();
    assertThat(calls)
        .extracting(c -> c.operation() + "x" + c.objects().size())
        .containsExactly(
            "GET_PARAMETERSx10", "GET_PARAMETERSx10", "GET_PARAMETERSx3", "DESCRIBE_SECRETx1");
    assertThat(calls).extracting(RecordedCall::sequence).containsExactly(0L, 1L, 2L, 3L);
    assertThat(calls.get(3).service()).isEqualTo(AwsService.SECRETS_MANAGER);
    assertThat(calls.get(3).accessKeyId()).isEmpty();
    assertThat(calls.toString()).doesNotContain("\"1\"");
    aws.clearCalls();
    assertThat(aws.calls()).isEmpty();
  }

  @Test
  void resetForgetsEverythingButTheTicker() {
    aws.inject(AwsFault.error(AwsError.throttling()).build());
    aws.iam().allow(ROLE_A, AwsService.SSM, "*");
    aws.regionDown(WEST);
    secrets(EAST, CallerIdentity.defaultChain(), "a/one");
    ticker.advance(Duration.ofMinutes(1));
    aws.reset();
    assertThat(aws.calls()).isEmpty();
    assertThat(aws.iam().enforcesAccess()).isFalse();
    assertThat(aws.secretsManager(EAST).exists("a/one")).isFalse();
    assertThat(ticker.read()).isEqualTo(Duration.ofMinutes(1).toNanos());
    aws.secretsManager(WEST).createSecret("x", "y");
    assertThat(secrets(WEST, CallerIdentity.defaultChain(), "x").get(0))
        .isInstanceOf(FetchResult.Found.class);
  }

  @Test
  void invalidRegionsAndFaultsAreRejected() {
    assertThatThrownBy(() -> secrets("nowhere", CallerIdentity.defaultChain(), "a/one"))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS));
    assertThatThrownBy(() -> AwsFault.latency(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AwsFault.error(AwsError.throttling()).times(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AwsError.of("X", 200, "m"))
        .isInstanceOf(IllegalArgumentException.class);
    AwsFault f =
        AwsFault.error(AwsError.throttling()).withDelay(Duration.ofMillis(5)).region(EAST).build();
    assertThat(f.toBuilder().build()).isEqualTo(f);
  }
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static io.ascp.aws.Emulated.EAST;
import static io.ascp.aws.Emulated.file;
import static io.ascp.aws.Emulated.mountParameters;
import static io.ascp.aws.Emulated.parameters;
import static io.ascp.aws.Emulated.secrets;
import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.CallerIdentity;
import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;
import io.ascp.api.spi.FetchResult;
import io.ascp.core.SecretMounter;
import io.ascp.testkit.AwsFault;
import io.ascp.testkit.AwsOperation;
import io.ascp.testkit.FakeAws;
import io.ascp.testkit.FakeTicker;
import io.ascp.testkit.RecordedCall;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How many round trips a batch takes, proved with counts and overlaps of the calls the emulator
 * records, never with durations: every call is held by 50 ms of <em>virtual</em> latency on a
 * {@link FakeTicker}, so a call completes only when the test advances the ticker. Calls that are
 * all in flight before one advance took one round trip together.
 */
class ConcurrencyEmulatorIT {
  static final FakeTicker TICKER = FakeTicker.create();
  static final Duration LATENCY = Duration.ofMillis(50);
  static final Duration WAIT = Duration.ofSeconds(30);
  static final CallerIdentity ME = CallerIdentity.defaultChain();

  @RegisterExtension
  static final AwsEmulatorExtension AWS =
      AwsEmulatorExtension.builder().fakeAws(FakeAws.builder().ticker(TICKER).build()).build();

  FakeAws aws;
  ExecutorService caller;
  final List<String> secretNames = new ArrayList<>();
  final List<String> parameterNames = new ArrayList<>();

  @BeforeEach
  void seed() {
    aws = AWS.aws();
    for (int i = 0; i < 20; i++) {
      String name = String.format("app/s%02d", i);
      aws.secretsManager(EAST).createSecret(name, "v" + i);
      secretNames.add(name);
    }
    for (int i = 0; i < 25; i++) {
      String name = String.format("/app/p%02d", i);
      aws.parameterStore(EAST).putParameter(name, "p" + i);
      parameterNames.add(name);
    }
    aws.inject(AwsFault.latency(LATENCY).operation(AwsOperation.GET_SECRET_VALUE).build());
    aws.inject(AwsFault.latency(LATENCY).operation(AwsOperation.GET_PARAMETERS).build());
    caller = Executors.newSingleThreadExecutor();
  }

  @AfterEach
  void stop() {
    caller.shutdownNow();
  }

  /**
   * Runs {@code work} on another thread and releases the calls it makes, one round trip at a time:
   * waits until {@code rounds[i]} calls are in flight (and none has completed), then advances the
   * ticker by the latency.
   */
  <T> T inRoundTrips(Callable<T> work, int... rounds) throws Exception {
    Future<T> result = caller.submit(work);
    int completed = 0;
    for (int inFlight : rounds) {
      aws.awaitInFlight(inFlight, WAIT);
      assertThat(aws.calls()).as("calls completed before this round").hasSize(completed);
      assertThat(aws.inFlight()).as("calls in flight in this round").isEqualTo(inFlight);
      TICKER.advance(LATENCY);
      completed += inFlight;
    }
    T value = result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(aws.calls()).as("every call was released by the advances").hasSize(completed);
    return value;
  }

  static void assertAllOverlap(List<RecordedCall> calls) {
    for (int i = 0; i < calls.size(); i++) {
      for (int j = i + 1; j < calls.size(); j++) {
        RecordedCall a = calls.get(i);
        RecordedCall b = calls.get(j);
        assertThat(a.overlaps(b))
            .as("call %d overlaps call %d", a.sequence(), b.sequence())
            .isTrue();
      }
    }
  }

  @Test
  void twentySecretsAreFetchedInOneRoundTrip() throws Exception {
    try (AwsSources sources = Emulated.sources(AWS.emulator(), b -> b.fetchParallelism(20))) {
      List<FetchResult> r =
          inRoundTrips(
              () ->
                  sources
                      .secretsManager()
                      .fetch(secrets(EAST, ME, secretNames.toArray(String[]::new))),
              20);

      for (int i = 0; i < 20; i++) {
        assertThat(Emulated.text(r.get(i))).isEqualTo("v" + i);
      }
    }
    List<RecordedCall> calls = aws.calls(AwsOperation.GET_SECRET_VALUE);
    assertThat(calls).hasSize(20);
    assertThat(RecordedCall.maxConcurrency(calls)).isEqualTo(20);
    assertAllOverlap(calls);
  }

  @Test
  void theDefaultParallelismFetchesTwentySecretsInThreeRoundTripsOfAtMostEight() throws Exception {
    try (AwsSources sources = Emulated.sources(AWS.emulator())) {
      assertThat(sources.config().fetchParallelism()).isEqualTo(8);
      List<FetchResult> r =
          inRoundTrips(
              () ->
                  sources
                      .secretsManager()
                      .fetch(secrets(EAST, ME, secretNames.toArray(String[]::new))),
              8,
              8,
              4);
      assertThat(r).allSatisfy(x -> assertThat(x).isInstanceOf(FetchResult.Found.class));
    }
    assertThat(RecordedCall.maxConcurrency(aws.calls(AwsOperation.GET_SECRET_VALUE))).isEqualTo(8);
  }

  @Test
  void twentyFiveParametersAreFetchedInOneRoundTripOfThreeCalls() throws Exception {
    try (AwsSources sources = Emulated.sources(AWS.emulator())) {
      List<FetchResult> r =
          inRoundTrips(
              () ->
                  sources
                      .parameterStore()
                      .fetch(parameters(EAST, ME, parameterNames.toArray(String[]::new))),
              3);
      for (int i = 0; i < 25; i++) {
        assertThat(Emulated.text(r.get(i))).isEqualTo("p" + i);
      }
    }
    List<RecordedCall> calls = aws.calls(AwsOperation.GET_PARAMETERS);
    assertThat(calls).hasSize(3);
    assertAllOverlap(calls);
  }

  @Test
  void aWholeMountOfTwentySecretsAndTwentyFiveParametersTakesOneRoundTrip() throws Exception {
    StringBuilder objects = new StringBuilder();
    for (String s : secretNames) {
      objects.append("- objectName: ").append(s).append("\n  objectType: secretsmanager\n");
    }
    for (String p : parameterNames) {
      objects.append("- objectName: ").append(p).append("\n  objectType: ssmparameter\n");
    }
    MountRequest request = MountRequest.of(mountParameters(EAST, null, objects.toString()), ME);
    // Room for both batches at once: 19 helpers for the secrets and 2 for the parameters, besides
    // the two calling threads of the mounter.
    try (AwsSources sources = Emulated.sources(AWS.emulator(), b -> b.fetchParallelism(24));
        SecretMounter mounter = Emulated.mounter(sources)) {
      MountResult result = inRoundTrips(() -> mounter.mount(request), 23);

      assertThat(result.files()).hasSize(45);
      assertThat(file(result, "app_s07")).isEqualTo("v7");
      assertThat(file(result, "_app_p24")).isEqualTo("p24");
    }
    assertThat(RecordedCall.maxConcurrency(aws.calls())).isEqualTo(23);
    assertAllOverlap(aws.calls());
  }
}

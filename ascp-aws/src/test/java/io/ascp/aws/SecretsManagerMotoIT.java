// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AscpException;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.ObjectType;
import io.ascp.api.spi.DescribeRequest;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.ObjectRequest;
import io.ascp.api.spi.SecretDescription;
import io.ascp.api.spi.SecretValue;
import io.ascp.testkit.junit.MotoServerExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;

/** The Secrets Manager source against moto_server through the real SDK. */
class SecretsManagerMotoIT {
  static final String VALUE_MARKER = "SECRETVALUEMARKER-4e1d";
  @RegisterExtension static final MotoServerExtension MOTO = new MotoServerExtension();

  static MotoFixture fixture;

  RecordingHttpClient recorder;
  AwsSources sources;

  @BeforeAll
  static void startMoto() {
    fixture = new MotoFixture(MOTO.server());
  }

  @AfterAll
  static void stopMoto() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @BeforeEach
  void setUp() {
    recorder = fixture.recorder();
    sources = fixture.sources(recorder, b -> b);
  }

  @AfterEach
  void tearDown() {
    sources.close();
  }

  static FetchBatch batch(List<ObjectRequest> objects) {
    return new FetchBatch(
        ObjectType.SECRETS_MANAGER, MotoFixture.REGION, CallerIdentity.defaultChain(), objects);
  }

  static FetchBatch batch(String... names) {
    return batch(java.util.Arrays.stream(names).map(ObjectRequest::of).toList());
  }

  static SecretValue value(FetchResult r) {
    assertThat(r).isInstanceOf(FetchResult.Found.class);
    return ((FetchResult.Found) r).value();
  }

  static AscpException error(FetchResult r) {
    assertThat(r).isInstanceOf(FetchResult.Failed.class);
    return ((FetchResult.Failed) r).error();
  }

  static String text(SecretValue v) {
    return new String(v.contents(), StandardCharsets.UTF_8);
  }

  String create(String name, String value) {
    return fixture.secretsManager.createSecret(b -> b.name(name).secretString(value)).versionId();
  }

  @Test
  void readsStringAndBinaryValues() {
    create("app/db", "{\"password\":\"" + VALUE_MARKER + "\"}");
    byte[] binary = {0, 1, 2, (byte) 0xff, 10};
    fixture.secretsManager.createSecret(
        b -> b.name("app/cert").secretBinary(SdkBytes.fromByteArray(binary)));

    List<FetchResult> r = sources.secretsManager().fetch(batch("app/db", "app/cert"));

    SecretValue db = value(r.get(0));
    assertThat(text(db)).isEqualTo("{\"password\":\"" + VALUE_MARKER + "\"}");
    assertThat(db.binary()).isFalse();
    assertThat(db.name()).isEqualTo("app/db");
    assertThat(db.toString()).doesNotContain(VALUE_MARKER);
    SecretValue cert = value(r.get(1));
    assertThat(cert.contents()).isEqualTo(binary);
    assertThat(cert.binary()).isTrue();
  }

  @Test
  void readsVersionsAndStagesAfterPuts() {
    String v1 = create("rotating", "one");
    String v2 =
        fixture
            .secretsManager
            .putSecretValue(b -> b.secretId("rotating").secretString("two"))
            .versionId();

    List<FetchResult> r =
        sources
            .secretsManager()
            .fetch(
                batch(
                    List.of(
                        ObjectRequest.of("rotating"),
                        new ObjectRequest("rotating", Optional.empty(), Optional.of("AWSPREVIOUS")),
                        new ObjectRequest("rotating", Optional.of(v1), Optional.empty()),
                        new ObjectRequest(
                            "rotating", Optional.of(v2), Optional.of("AWSCURRENT")))));

    assertThat(text(value(r.get(0)))).isEqualTo("two");
    assertThat(value(r.get(0)).version()).isEqualTo(v2);
    assertThat(text(value(r.get(1)))).isEqualTo("one");
    assertThat(value(r.get(1)).version()).isEqualTo(v1);
    assertThat(text(value(r.get(2)))).isEqualTo("one");
    assertThat(text(value(r.get(3)))).isEqualTo("two");

    SecretDescription d =
        sources
            .secretsManager()
            .describe(
                new DescribeRequest(MotoFixture.REGION, CallerIdentity.defaultChain(), "rotating"))
            .orElseThrow();
    assertThat(d.stagesOf(v2)).contains("AWSCURRENT");
    assertThat(d.stagesOf(v1)).contains("AWSPREVIOUS");
  }

  @Test
  void aMissingSecretIsNotFoundWithTheAwsCause() {
    create("present", "x");
    List<FetchResult> r = sources.secretsManager().fetch(batch("present", "absent"));
    assertThat(text(value(r.get(0)))).isEqualTo("x");
    AscpException e = error(r.get(1));
    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.getMessage())
        .startsWith("us-east-1: Failed fetching secret absent: ResourceNotFoundException: ")
        .containsPattern("\\(Service: SecretsManager, Status Code: \\d+, Request ID: [^)]+\\)$");

    assertThatThrownBy(
            () ->
                sources
                    .secretsManager()
                    .describe(
                        new DescribeRequest(
                            MotoFixture.REGION, CallerIdentity.defaultChain(), "absent")))
        .isInstanceOfSatisfying(
            AscpException.class,
            x -> {
              assertThat(x.code()).isEqualTo(ErrorCode.NOT_FOUND);
              assertThat(x.getMessage())
                  .startsWith(
                      "us-east-1: Failed to describe secret absent: ResourceNotFoundException");
            });
  }

  @Test
  void anUnknownVersionIsNotFound() {
    create("s", "x");
    AscpException e =
        error(
            sources
                .secretsManager()
                .fetch(
                    batch(
                        List.of(
                            new ObjectRequest(
                                "s",
                                Optional.of("00000000-0000-0000-0000-000000000000"),
                                Optional.empty()))))
                .get(0));
    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void fetchesTheObjectsOfABatchConcurrentlyAndBounded() throws Exception {
    List<ObjectRequest> objects = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      create("s" + i, "v" + i);
      objects.add(ObjectRequest.of("s" + i));
    }
    int parallelism = sources.config().fetchParallelism();
    // Each call waits until `parallelism` calls are in flight: a sequential source never gets
    // there (and this test then fails on the overlap below, after the waits time out).
    CountDownLatch inFlight = new CountDownLatch(parallelism);
    recorder.beforeSend(
        r -> {
          inFlight.countDown();
          try {
            inFlight.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });

    List<FetchResult> r = sources.secretsManager().fetch(batch(objects));

    for (int i = 0; i < 20; i++) {
      assertThat(text(value(r.get(i)))).isEqualTo("v" + i);
      assertThat(r.get(i).request()).isEqualTo(objects.get(i));
    }
    List<RecordingHttpClient.Call> calls = recorder.calls("GetSecretValue");
    assertThat(calls).hasSize(20);
    assertThat(maxOverlap(calls)).isEqualTo(parallelism);
  }

  /** The largest number of calls whose [start, end] intervals overlap at one instant. */
  static int maxOverlap(List<RecordingHttpClient.Call> calls) {
    List<long[]> events = new ArrayList<>();
    for (RecordingHttpClient.Call c : calls) {
      events.add(new long[] {c.startNanos(), 1});
      events.add(new long[] {c.endNanos(), -1});
    }
    events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    int current = 0;
    int max = 0;
    for (long[] e : events) {
      current += (int) e[1];
      max = Math.max(max, current);
    }
    return max;
  }

  @Test
  void duplicateObjectsAreFetchedOnce() {
    create("s", "x");
    List<FetchResult> r = sources.secretsManager().fetch(batch("s", "s", "s"));
    assertThat(r).hasSize(3).allSatisfy(x -> assertThat(text(value(x))).isEqualTo("x"));
    assertThat(recorder.calls("GetSecretValue")).hasSize(1);
  }

  @Test
  void batchGetSecretValueModeFallsBackPerObject() {
    sources.close();
    sources = fixture.sources(recorder, b -> b.batchGetSecretValue(true));
    create("a", "1");
    create("b", "2");
    create("c", "3");
    fixture.secretsManager.putSecretValue(b -> b.secretId("c").secretString("4"));

    List<FetchResult> r =
        sources
            .secretsManager()
            .fetch(
                batch(
                    List.of(
                        ObjectRequest.of("a"),
                        ObjectRequest.of("missing"),
                        ObjectRequest.of("b"),
                        new ObjectRequest("c", Optional.empty(), Optional.of("AWSPREVIOUS")),
                        new ObjectRequest("c", Optional.empty(), Optional.of("AWSCURRENT")))));

    assertThat(text(value(r.get(0)))).isEqualTo("1");
    assertThat(error(r.get(1)).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(error(r.get(1)).getMessage())
        .startsWith("us-east-1: Failed fetching secret missing: ResourceNotFoundException");
    assertThat(text(value(r.get(2)))).isEqualTo("2");
    assertThat(text(value(r.get(3)))).isEqualTo("3");
    assertThat(text(value(r.get(4)))).isEqualTo("4");
    assertThat(recorder.calls("BatchGetSecretValue")).hasSize(1);
    assertThat(recorder.calls(".GetSecretValue"))
        .as("only the missing id and the pinned stage are read one by one")
        .hasSize(2);
  }

  @Test
  void aSecretValueNeverReachesALogLineOrAMessage() {
    create("s", VALUE_MARKER);
    List<String> messages = new ArrayList<>();
    try (LogCapture logs = new LogCapture()) {
      List<FetchResult> r = sources.secretsManager().fetch(batch("s", "nope"));
      for (FetchResult x : r) {
        messages.add(x.toString());
        if (x instanceof FetchResult.Failed f) {
          messages.add(f.error().getMessage());
        }
      }
      assertThat(logs.lines()).isNotEmpty();
      messages.addAll(logs.lines());
    }
    assertThat(messages).noneMatch(m -> m.contains(VALUE_MARKER));
  }
}

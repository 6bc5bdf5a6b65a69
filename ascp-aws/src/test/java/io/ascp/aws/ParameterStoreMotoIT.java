// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static io.ascp.aws.SecretsManagerMotoIT.error;
import static io.ascp.aws.SecretsManagerMotoIT.text;
import static io.ascp.aws.SecretsManagerMotoIT.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.AscpException;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.ObjectType;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.ObjectRequest;
import io.ascp.testkit.junit.MotoServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** The Parameter Store source against moto_server through the real SDK. */
class ParameterStoreMotoIT {
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
        ObjectType.SSM_PARAMETER, MotoFixture.REGION, CallerIdentity.defaultChain(), objects);
  }

  static ObjectRequest version(String name, String version) {
    return new ObjectRequest(name, Optional.of(version), Optional.empty());
  }

  static ObjectRequest label(String name, String label) {
    return new ObjectRequest(name, Optional.empty(), Optional.of(label));
  }

  void put(String name, String value, ParameterType type) {
    fixture.ssm.putParameter(b -> b.name(name).value(value).type(type).overwrite(true));
  }

  @Test
  void twentyFiveParametersTakeThreeCallsAndComeBackInOrder() {
    List<ObjectRequest> objects = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      put("/app/p" + i, "value-" + i, ParameterType.STRING);
      objects.add(ObjectRequest.of("/app/p" + i));
    }
    List<FetchResult> r = sources.parameterStore().fetch(batch(objects));
    assertThat(r).hasSize(25);
    for (int i = 0; i < 25; i++) {
      assertThat(r.get(i).request()).isEqualTo(objects.get(i));
      assertThat(text(value(r.get(i)))).isEqualTo("value-" + i);
      assertThat(value(r.get(i)).version()).isEqualTo("1");
    }
    List<RecordingHttpClient.Call> calls = recorder.calls("GetParameters");
    assertThat(calls).hasSize(3);
    assertThat(calls).allSatisfy(c -> assertThat(c.body()).contains("\"WithDecryption\":true"));
  }

  @Test
  void secureStringsAreDecrypted() {
    put("/app/secure", "plain-text", ParameterType.SECURE_STRING);
    assertThat(
            text(
                value(
                    sources
                        .parameterStore()
                        .fetch(batch(List.of(ObjectRequest.of("/app/secure"))))
                        .get(0))))
        .isEqualTo("plain-text");
  }

  @Test
  void versionAndLabelSelectorsEvenForOneNameInOneBatch() {
    put("/app/db", "one", ParameterType.STRING);
    put("/app/db", "two", ParameterType.STRING);
    fixture.ssm.labelParameterVersion(b -> b.name("/app/db").parameterVersion(1L).labels("prod"));

    List<FetchResult> r =
        sources
            .parameterStore()
            .fetch(
                batch(
                    List.of(
                        version("/app/db", "1"),
                        label("/app/db", "prod"),
                        ObjectRequest.of("/app/db"),
                        version("/app/db", "2"))));

    assertThat(text(value(r.get(0)))).isEqualTo("one");
    assertThat(value(r.get(0)).version()).isEqualTo("1");
    assertThat(text(value(r.get(1)))).isEqualTo("one");
    assertThat(text(value(r.get(2)))).isEqualTo("two");
    assertThat(value(r.get(2)).version()).isEqualTo("2");
    assertThat(text(value(r.get(3)))).isEqualTo("two");
    assertThat(recorder.calls("GetParameters")).as("one call per selector of one name").hasSize(4);
  }

  @Test
  void missingParametersFailWithTheReferenceText() {
    put("/a", "A", ParameterType.STRING);
    put("/b", "B", ParameterType.STRING);
    List<FetchResult> r =
        sources
            .parameterStore()
            .fetch(
                batch(
                    List.of(
                        ObjectRequest.of("/missing-1"),
                        ObjectRequest.of("/a"),
                        version("/b", "9"),
                        ObjectRequest.of("/b"),
                        ObjectRequest.of("/missing-1"))));
    String expected = "400: us-east-1: invalid parameters: /missing-1, /b:9";
    for (int i : new int[] {0, 2, 4}) {
      AscpException e = error(r.get(i));
      assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(e.getMessage()).isEqualTo(expected);
    }
    assertThat(text(value(r.get(1)))).isEqualTo("A");
    assertThat(text(value(r.get(3)))).isEqualTo("B");
  }
}

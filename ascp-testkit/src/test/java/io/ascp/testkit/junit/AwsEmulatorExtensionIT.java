// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.testkit.AwsEmulator;
import io.ascp.testkit.FakeAws;
import io.ascp.testkit.FakeTicker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The emulator extension, declarative and programmatic. */
class AwsEmulatorExtensionIT {

  private static int status(URI endpoint) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(endpoint.resolve("/v1/credentials")).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Nested
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  @ExtendWith(AwsEmulatorExtension.class)
  class Declarative {
    @Test
    @Order(1)
    void injectsARunningEmulatorAndItsStore(AwsEmulator emulator, FakeAws aws) throws Exception {
      assertThat(emulator.aws()).isSameAs(aws);
      assertThat(emulator.endpoint().getHost()).isEqualTo("127.0.0.1");
      assertThat(status(emulator.endpoint())).isEqualTo(400);
      aws.secretsManager("us-east-1").createSecret("left-over", "v");
    }

    @Test
    @Order(2)
    void resetsTheStoreBetweenTests(FakeAws aws) {
      assertThat(aws.secretsManager("us-east-1").exists("left-over")).isFalse();
      assertThat(aws.calls()).isEmpty();
    }
  }

  @Nested
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class Programmatic {
    private static final FakeTicker TICKER = FakeTicker.create();

    @RegisterExtension
    static final AwsEmulatorExtension AWS =
        AwsEmulatorExtension.builder()
            .fakeAws(FakeAws.builder().ticker(TICKER).build())
            .resetBetweenTests(false)
            .build();

    @Test
    @Order(1)
    void servesTheGivenStore(FakeTicker ticker) {
      assertThat(ticker).isSameAs(TICKER);
      assertThat(AWS.aws().ticker()).contains(TICKER);
      AWS.aws().secretsManager("us-east-1").createSecret("kept", "v");
      ticker.advance(Duration.ofSeconds(1));
    }

    @Test
    @Order(2)
    void keepsStateWhenResettingIsOff() {
      assertThat(AWS.aws().secretsManager("us-east-1").exists("kept")).isTrue();
      assertThat(AWS.endpoint()).isEqualTo(AWS.emulator().endpoint());
    }
  }

  @Nested
  class PerTest {
    @RegisterExtension final AwsEmulatorExtension aws = new AwsEmulatorExtension();

    @Test
    void anInstanceFieldGetsAnEmulatorPerTest() throws Exception {
      assertThat(status(aws.endpoint())).isEqualTo(400);
    }
  }
}

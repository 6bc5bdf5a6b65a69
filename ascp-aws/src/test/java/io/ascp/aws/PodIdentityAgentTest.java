// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ascp.api.AddressPreference;
import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodIdentityAgentTest {
  static final String TOKEN = TestTokens.jwt("ns", "sa", Instant.parse("2030-01-01T00:00:00Z"));
  static final byte[] IPV6_LOOPBACK = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** A loopback URL where nothing listens: connections are refused at once. */
  static URI closedPort() {
    return URI.create("http://127.0.0.1:" + freePort() + "/v1/credentials");
  }

  /** A loopback port that was free a moment ago. */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static InetAddress ipv6Loopback() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByAddress(IPV6_LOOPBACK))) {
      return s.getInetAddress();
    } catch (IOException e) {
      // Skipped only on a developer machine without ::1; CI must run the IPv6 fallback test.
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("IPv6 loopback ::1 is required when CI=true", e);
      }
      assumeTrue(false, "IPv6 loopback ::1 is not available here: " + e.getMessage());
      throw new AssertionError(e);
    }
  }

  @Test
  void sendsTheRawTokenAndParsesTheCredentials() {
    try (FakePodIdentityAgent fake = new FakePodIdentityAgent(InetAddress.getLoopbackAddress())) {
      Instant exp = Instant.parse("2030-01-01T00:00:00Z");
      fake.expiration(exp);
      PodIdentityAgent agent = new PodIdentityAgent(List.of(fake.url()), TIMEOUT, "app-1");
      TemporaryCredentials c = agent.fetch(TOKEN, AddressPreference.AUTO);
      assertThat(c.accessKeyId()).isEqualTo("ASIAPODID1");
      assertThat(c.sessionToken()).isEqualTo("pod-session-1");
      assertThat(c.expiration()).contains(exp);
      assertThat(fake.authorizations()).containsExactly(TOKEN);
      assertThat(c.toString()).doesNotContain("pod-secret").doesNotContain("pod-session");
    }
  }

  @Test
  void autoFallsBackFromIpv4ToIpv6() {
    InetAddress v6 = ipv6Loopback();
    try (FakePodIdentityAgent fake = new FakePodIdentityAgent(v6)) {
      assertThat(fake.url().getHost()).startsWith("[");
      PodIdentityAgent agent =
          new PodIdentityAgent(List.of(closedPort(), fake.url()), TIMEOUT, "app-1");
      assertThat(agent.fetch(TOKEN, AddressPreference.AUTO).accessKeyId()).isEqualTo("ASIAPODID1");
      assertThat(fake.authorizations()).hasSize(1);
    }
  }

  @Test
  void aPreferenceKeepsOnlyItsFamily() {
    URI v4 = URI.create("http://127.0.0.1:1/v1/credentials");
    URI v6 = URI.create("http://[::1]:1/v1/credentials");
    URI named = URI.create("http://agent.local/v1/credentials");
    PodIdentityAgent agent = new PodIdentityAgent(List.of(v4, v6, named), TIMEOUT, "a");
    assertThat(agent.urlsFor(AddressPreference.AUTO)).containsExactly(v4, v6, named);
    assertThat(agent.urlsFor(AddressPreference.IPV4)).containsExactly(v4, named);
    assertThat(agent.urlsFor(AddressPreference.IPV6)).containsExactly(v6, named);
    PodIdentityAgent onlyV4 = new PodIdentityAgent(List.of(v4), TIMEOUT, "a");
    assertThat(onlyV4.urlsFor(AddressPreference.IPV6))
        .as("an explicit override is used whatever the preference")
        .containsExactly(v4);
  }

  @Test
  void ipv6PreferenceSkipsTheIpv4Agent() {
    InetAddress v6 = ipv6Loopback();
    try (FakePodIdentityAgent four = new FakePodIdentityAgent(InetAddress.getLoopbackAddress());
        FakePodIdentityAgent six = new FakePodIdentityAgent(v6)) {
      PodIdentityAgent agent = new PodIdentityAgent(List.of(four.url(), six.url()), TIMEOUT, "a");
      agent.fetch(TOKEN, AddressPreference.IPV6);
      assertThat(four.authorizations()).isEmpty();
      assertThat(six.authorizations()).hasSize(1);
    }
  }

  @Test
  void aRejectionEndsTheAttemptWithCredentialsAndNoToken() {
    try (FakePodIdentityAgent first = new FakePodIdentityAgent(InetAddress.getLoopbackAddress());
        FakePodIdentityAgent second = new FakePodIdentityAgent(InetAddress.getLoopbackAddress())) {
      first.fail(400, "{\"message\":\"invalid token " + TOKEN + "\"}");
      PodIdentityAgent agent =
          new PodIdentityAgent(List.of(first.url(), second.url()), TIMEOUT, "a");
      assertThatThrownBy(() -> agent.fetch(TOKEN, AddressPreference.AUTO))
          .isInstanceOfSatisfying(
              AscpException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIALS);
                assertThat(e.getMessage())
                    .startsWith("failed to get credentials from the EKS Pod Identity agent: ")
                    .contains(first.url() + ": HTTP 400")
                    .contains("<redacted>")
                    .doesNotContain(TestTokens.MARKER);
              });
      assertThat(second.authorizations()).isEmpty();
    }
  }

  @Test
  void serverErrorsAndUnreachableAgentsAreRetryable() {
    try (FakePodIdentityAgent broken = new FakePodIdentityAgent(InetAddress.getLoopbackAddress())) {
      broken.fail(500, "");
      URI closed = closedPort();
      PodIdentityAgent agent = new PodIdentityAgent(List.of(closed, broken.url()), TIMEOUT, "a");
      assertThatThrownBy(() -> agent.fetch(TOKEN, AddressPreference.AUTO))
          .isInstanceOfSatisfying(
              AscpException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
                assertThat(e.getMessage()).contains(closed.toString()).contains("HTTP 500");
              });
    }
  }

  @Test
  void throttlingIsReportedAsSuch() {
    try (FakePodIdentityAgent busy = new FakePodIdentityAgent(InetAddress.getLoopbackAddress())) {
      busy.fail(429, "slow down");
      PodIdentityAgent agent = new PodIdentityAgent(List.of(busy.url()), TIMEOUT, "a");
      assertThatThrownBy(() -> agent.fetch(TOKEN, AddressPreference.AUTO))
          .isInstanceOfSatisfying(
              AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.THROTTLED));
    }
  }

  @Test
  void rejectsTokensWithLineBreaksWithoutCallingTheAgent() {
    try (FakePodIdentityAgent fake = new FakePodIdentityAgent(InetAddress.getLoopbackAddress())) {
      PodIdentityAgent agent = new PodIdentityAgent(List.of(fake.url()), TIMEOUT, "a");
      assertThatThrownBy(() -> agent.fetch("abc\r\nX-Evil: 1", AddressPreference.AUTO))
          .isInstanceOfSatisfying(
              AscpException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIALS);
                assertThat(e.getMessage()).doesNotContain("Evil");
              });
      assertThat(fake.authorizations()).isEmpty();
    }
  }
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static io.ascp.aws.SecretsManagerMotoIT.text;
import static io.ascp.aws.SecretsManagerMotoIT.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.AddressPreference;
import io.ascp.api.AuthMode;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ObjectType;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.ObjectRequest;
import io.ascp.testkit.junit.MotoServerExtension;
import java.net.InetAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IRSA through moto's STS {@code AssumeRoleWithWebIdentity} and EKS Pod Identity through a loopback
 * agent, end to end: the credentials obtained sign the Secrets Manager calls to moto.
 */
class CredentialsMotoIT {
  static final String ROLE = "arn:aws:iam::123456789012:role/app-role";

  /** A fixed expiry keeps each identity's token the same from one call to the next. */
  static final Instant TOKEN_EXPIRY = Instant.parse("2099-01-01T00:00:00Z");

  @RegisterExtension static final MotoServerExtension MOTO = new MotoServerExtension();

  static MotoFixture fixture;

  RecordingHttpClient recorder;
  final List<AwsSources> opened = new ArrayList<>();

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
    fixture.secretsManager.createSecret(b -> b.name("app/secret").secretString("hello"));
    recorder = fixture.recorder();
  }

  @AfterEach
  void tearDown() {
    opened.forEach(AwsSources::close);
    System.clearProperty("aws.endpointUrlSts");
  }

  AwsSources sources(java.util.function.UnaryOperator<AwsSourcesConfig.Builder> config) {
    AwsSources s = fixture.sources(recorder, config);
    opened.add(s);
    return s;
  }

  static CallerIdentity irsa(String sa) {
    return CallerIdentity.builder()
        .namespace("team")
        .serviceAccount(sa)
        .podName(sa + "-0")
        .podUid(sa + "-uid")
        .authMode(AuthMode.IRSA)
        .roleArn(ROLE)
        .token(CallerIdentity.STS_AUDIENCE, TestTokens.token("team", sa, TOKEN_EXPIRY))
        .build();
  }

  static CallerIdentity podIdentity(String podUid, AddressPreference preference) {
    return CallerIdentity.builder()
        .namespace("team")
        .serviceAccount("pod-sa")
        .podName("pod")
        .podUid(podUid)
        .authMode(AuthMode.POD_IDENTITY)
        .preferredAddressType(preference)
        .token(
            CallerIdentity.POD_IDENTITY_AUDIENCE, TestTokens.token("team", "pod-sa", TOKEN_EXPIRY))
        .build();
  }

  static FetchBatch batch(CallerIdentity identity) {
    return new FetchBatch(
        ObjectType.SECRETS_MANAGER,
        MotoFixture.REGION,
        identity,
        List.of(ObjectRequest.of("app/secret")));
  }

  List<String> secretsManagerKeys() {
    return recorder.calls("GetSecretValue").stream().map(c -> c.accessKeyId().orElse("")).toList();
  }

  @Test
  void irsaAssumesTheRoleOnceAndSignsWithTheSessionCredentials() {
    AwsSources aws = sources(b -> b);
    for (int i = 0; i < 3; i++) {
      FetchResult r = aws.secretsManager().fetch(batch(irsa("app"))).get(0);
      assertThat(text(value(r))).isEqualTo("hello");
    }
    List<RecordingHttpClient.Call> sts = recorder.calls("AssumeRoleWithWebIdentity");
    assertThat(sts).hasSize(1);
    assertThat(sts.get(0).body()).contains("RoleSessionName=ascp-team.app");
    assertThat(secretsManagerKeys()).hasSize(3).doesNotContain("AKIATESTDEFAULT");
    assertThat(secretsManagerKeys().stream().distinct()).hasSize(1);
  }

  @Test
  void twoServiceAccountsGetTheirOwnSessions() {
    AwsSources aws = sources(b -> b);
    aws.secretsManager().fetch(batch(irsa("a")));
    aws.secretsManager().fetch(batch(irsa("b")));
    aws.secretsManager().fetch(batch(irsa("a")));
    assertThat(recorder.calls("AssumeRoleWithWebIdentity")).hasSize(2);
    List<String> keys = secretsManagerKeys();
    assertThat(keys.get(0)).isNotEqualTo(keys.get(1)).isEqualTo(keys.get(2));
  }

  @Test
  void theStsEndpointMayComeFromTheEnvironmentSettings() {
    System.setProperty("aws.endpointUrlSts", fixture.moto.endpoint().toString());
    AwsSources aws =
        AwsSources.builder()
            .config(
                AwsSourcesConfig.builder()
                    .secretsManagerEndpoint(fixture.moto.endpoint())
                    .ssmEndpoint(fixture.moto.endpoint())
                    .build())
            .httpClient(recorder)
            .credentialsProvider(MotoFixture.TEST_CREDENTIALS)
            .build();
    opened.add(aws);
    assertThat(text(value(aws.secretsManager().fetch(batch(irsa("env"))).get(0))))
        .isEqualTo("hello");
    assertThat(recorder.calls("AssumeRoleWithWebIdentity")).hasSize(1);
  }

  @Test
  void podIdentityFallsBackFromIpv4ToIpv6AndCachesPerPod() {
    InetAddress v6 = PodIdentityAgentTest.ipv6Loopback();
    try (FakePodIdentityAgent agent = new FakePodIdentityAgent(v6)) {
      URI closedIpv4 = PodIdentityAgentTest.closedPort();
      AwsSources aws = sources(b -> b.podIdentityAgentUrls(List.of(closedIpv4, agent.url())));

      FetchResult r =
          aws.secretsManager().fetch(batch(podIdentity("uid-1", AddressPreference.AUTO))).get(0);
      assertThat(text(value(r))).isEqualTo("hello");
      aws.secretsManager().fetch(batch(podIdentity("uid-1", AddressPreference.AUTO)));
      aws.secretsManager().fetch(batch(podIdentity("uid-2", AddressPreference.AUTO)));

      assertThat(agent.authorizations())
          .hasSize(2)
          .allSatisfy(a -> assertThat(a).startsWith("eyJ"));
      assertThat(secretsManagerKeys()).containsExactly("ASIAPODID1", "ASIAPODID1", "ASIAPODID2");
    }
  }

  @Test
  void anIpv4PreferenceNeverTriesTheIpv6Agent() {
    InetAddress v6 = PodIdentityAgentTest.ipv6Loopback();
    try (FakePodIdentityAgent agent = new FakePodIdentityAgent(v6)) {
      URI closedIpv4 = PodIdentityAgentTest.closedPort();
      AwsSources aws = sources(b -> b.podIdentityAgentUrls(List.of(closedIpv4, agent.url())));
      FetchResult.Failed f =
          (FetchResult.Failed)
              aws.secretsManager()
                  .fetch(batch(podIdentity("uid-1", AddressPreference.IPV4)))
                  .get(0);
      assertThat(f.error().getMessage())
          .startsWith(
              "us-east-1: Failed fetching secret app/secret: failed to get credentials from the"
                  + " EKS Pod Identity agent: "
                  + closedIpv4)
          .doesNotContain(TestTokens.MARKER);
      assertThat(agent.authorizations()).isEmpty();
      assertThat(Optional.of(f.error().isRetryable())).contains(true);
    }
  }

  @Test
  void tokensNeverReachALogLineOrAMessage() {
    InetAddress v6 = PodIdentityAgentTest.ipv6Loopback();
    List<String> lines = new ArrayList<>();
    try (FakePodIdentityAgent agent = new FakePodIdentityAgent(v6);
        LogCapture logs = new LogCapture()) {
      agent.fail(403, "{\"message\":\"rejected\"}");
      AwsSources aws =
          sources(
              b -> b.podIdentityAgentUrls(List.of(PodIdentityAgentTest.closedPort(), agent.url())));
      List<FetchResult> results = new ArrayList<>();
      results.addAll(aws.secretsManager().fetch(batch(irsa("logged"))));
      results.addAll(
          aws.secretsManager().fetch(batch(podIdentity("uid-9", AddressPreference.AUTO))));
      for (FetchResult r : results) {
        lines.add(r.toString());
        if (r instanceof FetchResult.Failed f) {
          lines.add(f.error().getMessage());
        }
      }
      assertThat(results.get(1)).isInstanceOf(FetchResult.Failed.class);
      lines.addAll(logs.lines());
    }
    assertThat(lines).isNotEmpty().noneMatch(l -> l.contains(TestTokens.MARKER));
  }
}

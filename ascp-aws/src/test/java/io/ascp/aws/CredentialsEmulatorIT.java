// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static io.ascp.aws.Emulated.EAST;
import static io.ascp.aws.Emulated.WEST;
import static io.ascp.aws.Emulated.error;
import static io.ascp.aws.Emulated.file;
import static io.ascp.aws.Emulated.irsa;
import static io.ascp.aws.Emulated.mountParameters;
import static io.ascp.aws.Emulated.podIdentity;
import static io.ascp.aws.Emulated.role;
import static io.ascp.aws.Emulated.secrets;
import static io.ascp.aws.Emulated.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ascp.api.AddressPreference;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountParameters;
import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;
import io.ascp.api.spi.FetchResult;
import io.ascp.core.SecretMounter;
import io.ascp.testkit.AwsError;
import io.ascp.testkit.AwsFault;
import io.ascp.testkit.AwsOperation;
import io.ascp.testkit.AwsService;
import io.ascp.testkit.FakeAws;
import io.ascp.testkit.FakeTokens;
import io.ascp.testkit.RecordedCall;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Caller credentials through the real SDK against the testkit's emulator, counted with its call
 * recording: one STS exchange serves many mounts of one identity; two identities, held apart by the
 * emulator's access rules, never see each other's values, with a cold or a warm cache; EKS Pod
 * Identity falls back from an unreachable or failing IPv4 agent to the IPv6 one on loopback.
 */
class CredentialsEmulatorIT {
  @RegisterExtension static final AwsEmulatorExtension AWS = new AwsEmulatorExtension();

  static final String ROLE_A = role("team-a");
  static final String ROLE_B = role("team-b");
  static final CallerIdentity A = irsa("team-a", "app", ROLE_A);
  static final CallerIdentity B = irsa("team-b", "app", ROLE_B);

  static final String OBJECTS =
      """
      - objectName: team-a/db
        objectType: secretsmanager
        objectAlias: db
      - objectName: team-a/api
        objectType: secretsmanager
        objectAlias: api
      - objectName: /team-a/url
        objectType: ssmparameter
        objectAlias: url
      """;

  final List<AutoCloseable> opened = new ArrayList<>();
  FakeAws aws;

  @BeforeEach
  void seed() {
    aws = AWS.aws();
    for (String region : List.of(EAST, WEST)) {
      for (String team : List.of("team-a", "team-b")) {
        aws.secretsManager(region).createSecret(team + "/db", team + "-db");
        aws.secretsManager(region).createSecret(team + "/api", team + "-api");
        aws.parameterStore(region).putParameter("/" + team + "/url", team + "-url");
      }
    }
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  /** Each team's role reads only its own objects and is assumable only by its own pods. */
  void isolateTeams() {
    for (String team : List.of("team-a", "team-b")) {
      String role = role(team);
      aws.iam()
          .allow(role, AwsService.SECRETS_MANAGER, team + "/*")
          .allow(role, AwsService.SSM, "/" + team + "/*")
          .allowWebIdentity(role, "system:serviceaccount:" + team + ":*")
          .associatePodIdentity(team, "app", role);
    }
  }

  AwsSources sources() {
    return sources(b -> b);
  }

  AwsSources sources(UnaryOperator<AwsSourcesConfig.Builder> config) {
    AwsSources s = Emulated.sources(AWS.emulator(), config);
    opened.add(s);
    return s;
  }

  SecretMounter mounter(AwsSources sources) {
    SecretMounter m = Emulated.mounter(sources);
    opened.add(m);
    return m;
  }

  static MountRequest mount(String region, CallerIdentity identity) {
    return MountRequest.of(mountParameters(region, null, OBJECTS), identity);
  }

  List<String> keys(AwsOperation op) {
    return aws.calls(op).stream().map(c -> c.accessKeyId().orElse("")).distinct().toList();
  }

  // ---------------------------------------------------------------------------------------------
  // Caching

  @Test
  void oneStsCallServesManyMountsOfOneIdentity() {
    SecretMounter mounter = mounter(sources());

    for (int i = 0; i < 10; i++) {
      MountResult r = mounter.mount(mount(EAST, A));
      assertThat(file(r, "db")).isEqualTo("team-a-db");
    }

    assertThat(aws.calls(AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.objects()).containsExactly(ROLE_A);
              assertThat(c.principal()).isEqualTo(FakeTokens.subject("team-a", "app"));
              assertThat(c.succeeded()).isTrue();
            });
    assertThat(aws.calls(AwsOperation.GET_SECRET_VALUE)).hasSize(20);
    assertThat(aws.calls(AwsOperation.GET_PARAMETERS)).hasSize(10);
    List<String> keys = keys(AwsOperation.GET_SECRET_VALUE);
    assertThat(keys).hasSize(1).isEqualTo(keys(AwsOperation.GET_PARAMETERS));
    assertThat(aws.iam().principalOf(keys.get(0))).contains(ROLE_A);
  }

  @Test
  void concurrentColdMountsOfOneIdentityShareOneStsCall() throws Exception {
    SecretMounter mounter = mounter(sources());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<MountResult>> mounts = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        mounts.add(() -> mounter.mount(mount(EAST, A)));
      }
      for (Future<MountResult> f : pool.invokeAll(mounts)) {
        assertThat(file(f.get(30, TimeUnit.SECONDS), "url")).isEqualTo("team-a-url");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(aws.calls(AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY)).hasSize(1);
  }

  @Test
  void eachIdentityAndEachRegionHasItsOwnSession() {
    SecretMounter mounter = mounter(sources());

    for (int round = 0; round < 3; round++) {
      for (String region : List.of(EAST, WEST)) {
        mounter.mount(mount(region, A));
        mounter.mount(mount(region, B));
      }
    }

    // Two identities in two regions: four exchanges, whatever the number of mounts.
    assertThat(aws.calls(AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY))
        .extracting(RecordedCall::principal)
        .containsExactlyInAnyOrder(
            FakeTokens.subject("team-a", "app"),
            FakeTokens.subject("team-a", "app"),
            FakeTokens.subject("team-b", "app"),
            FakeTokens.subject("team-b", "app"));
    assertThat(keys(AwsOperation.GET_SECRET_VALUE)).hasSize(4);
  }

  @Test
  void clearingTheCacheMakesTheNextMountExchangeAgain() {
    AwsSources sources = sources();
    SecretMounter mounter = mounter(sources);
    mounter.mount(mount(EAST, A));
    mounter.mount(mount(EAST, A));
    sources.clearCredentialsCache();
    mounter.mount(mount(EAST, A));

    assertThat(aws.calls(AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY)).hasSize(2);
  }

  // ---------------------------------------------------------------------------------------------
  // Isolation

  @Test
  void twoIdentitiesNeverReceiveEachOthersValuesColdOrWarm() {
    isolateTeams();
    AwsSources sources = sources();
    List<String> seenByA = new ArrayList<>();
    List<String> seenByB = new ArrayList<>();

    // Round 0 runs on a cold cache, rounds 1 and 2 on a warm one.
    for (int round = 0; round < 3; round++) {
      for (FetchResult r :
          sources.secretsManager().fetch(secrets(EAST, A, "team-a/db", "team-b/db"))) {
        collect(r, seenByA);
      }
      for (FetchResult r :
          sources.secretsManager().fetch(secrets(EAST, B, "team-b/db", "team-a/db"))) {
        collect(r, seenByB);
      }
      List<FetchResult> a = sources.secretsManager().fetch(secrets(EAST, A, "team-b/api"));
      assertThat(error(a.get(0)).code()).isEqualTo(ErrorCode.ACCESS_DENIED);
      assertThat(error(a.get(0)).getMessage())
          .contains("assumed-role/team-a/ascp-team-a.app")
          .contains("(caller: IRSA role " + ROLE_A + " for service account team-a/app)");
    }

    assertThat(seenByA).containsOnly("team-a-db").hasSize(3);
    assertThat(seenByB).containsOnly("team-b-db").hasSize(3);
    assertThat(aws.calls(AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY)).hasSize(2);
    // Every call was made as the role of the identity whose batch it served.
    for (RecordedCall c : aws.calls(AwsOperation.GET_SECRET_VALUE)) {
      String object = c.objects().get(0);
      boolean own = object.startsWith(c.principal().equals(ROLE_A) ? "team-a/" : "team-b/");
      assertThat(c.succeeded()).as("%s read %s", c.principal(), object).isEqualTo(own);
    }
  }

  private static void collect(FetchResult r, List<String> seen) {
    if (r instanceof FetchResult.Found) {
      seen.add(text(r));
    } else {
      assertThat(error(r).code()).isEqualTo(ErrorCode.ACCESS_DENIED);
      assertThat(error(r).getMessage()).doesNotContain("team-a-db").doesNotContain("team-b-db");
    }
  }

  @Test
  void anotherPodClaimingAWarmRoleIsExchangedAndRefusedByStsNeverServedFromTheCache() {
    isolateTeams();
    AwsSources sources = sources();
    assertThat(text(sources.secretsManager().fetch(secrets(EAST, A, "team-a/db")).get(0)))
        .isEqualTo("team-a-db");

    // A pod of team-b whose service account claims team-a's role: same role, same region, a warm
    // cache for that role, and yet its own token goes to STS, which refuses it.
    CallerIdentity impostor = irsa("team-b", "app", ROLE_A);
    FetchResult r = sources.secretsManager().fetch(secrets(EAST, impostor, "team-a/db")).get(0);

    assertThat(error(r).code()).isEqualTo(ErrorCode.CREDENTIALS);
    assertThat(error(r).getMessage())
        .startsWith(
            "us-east-1: Failed fetching secret team-a/db: failed to assume role "
                + ROLE_A
                + " with web identity: AccessDenied: Not authorized to perform"
                + " sts:AssumeRoleWithWebIdentity");
    assertThat(aws.calls(AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY))
        .extracting(RecordedCall::principal, RecordedCall::succeeded)
        .containsExactly(
            tuple(FakeTokens.subject("team-a", "app"), true),
            tuple(FakeTokens.subject("team-b", "app"), false));
    assertThat(aws.calls(AwsOperation.GET_SECRET_VALUE)).hasSize(1);
  }

  @Test
  void podIdentityCredentialsAreCachedPerPodAndIsolatedPerServiceAccount() {
    isolateTeams();
    AwsSources sources = sources();
    CallerIdentity podA1 = podIdentity("team-a", "app", "uid-a1", AddressPreference.AUTO);
    CallerIdentity podA2 = podIdentity("team-a", "app", "uid-a2", AddressPreference.AUTO);
    CallerIdentity podB = podIdentity("team-b", "app", "uid-b", AddressPreference.AUTO);

    for (int round = 0; round < 3; round++) {
      for (CallerIdentity pod : List.of(podA1, podA2)) {
        List<FetchResult> r =
            sources.secretsManager().fetch(secrets(EAST, pod, "team-a/db", "team-b/db"));
        assertThat(text(r.get(0))).isEqualTo("team-a-db");
        assertThat(error(r.get(1)).code()).isEqualTo(ErrorCode.ACCESS_DENIED);
        assertThat(error(r.get(1)).getMessage())
            .contains("(caller: EKS Pod Identity for service account team-a/app)");
      }
      List<FetchResult> r =
          sources.secretsManager().fetch(secrets(EAST, podB, "team-a/db", "team-b/db"));
      assertThat(error(r.get(0)).code()).isEqualTo(ErrorCode.ACCESS_DENIED);
      assertThat(text(r.get(1))).isEqualTo("team-b-db");
    }

    // One agent call per pod (its session tags name the pod), none per mount or per region.
    assertThat(aws.calls(AwsOperation.POD_IDENTITY_CREDENTIALS))
        .extracting(RecordedCall::principal)
        .containsExactly(
            FakeTokens.subject("team-a", "app"),
            FakeTokens.subject("team-a", "app"),
            FakeTokens.subject("team-b", "app"));
  }

  // ---------------------------------------------------------------------------------------------
  // Pod Identity agent address fallback, on loopback

  /** The emulator's agent, reached through {@code [::1]}. */
  LoopbackForwarder ipv6Agent() {
    URI agent = AWS.emulator().podIdentityAgentUri();
    LoopbackForwarder f =
        new LoopbackForwarder(
            PodIdentityAgentTest.ipv6Loopback(),
            new InetSocketAddress(agent.getHost(), agent.getPort()));
    opened.add(f);
    assertThat(f.rewrite(agent).getHost()).isEqualTo("[0:0:0:0:0:0:0:1]");
    return f;
  }

  MountResult mountAsPod(AwsSources sources, AddressPreference preference) {
    MountParameters p = mountParameters(EAST, null, OBJECTS);
    return mounter(sources)
        .mount(MountRequest.of(p, podIdentity("team-a", "app", "p1", preference)));
  }

  @Test
  void podIdentityFallsBackFromAnUnreachableIpv4AgentToTheIpv6One() {
    isolateTeams();
    LoopbackForwarder v6 = ipv6Agent();
    URI closedIpv4 = PodIdentityAgentTest.closedPort();
    AwsSources sources =
        sources(
            b ->
                b.podIdentityAgentUrls(
                    List.of(closedIpv4, v6.rewrite(AWS.emulator().podIdentityAgentUri()))));

    MountResult r = mountAsPod(sources, AddressPreference.AUTO);

    assertThat(file(r, "db")).isEqualTo("team-a-db");
    assertThat(v6.connections()).isEqualTo(1);
    assertThat(aws.calls(AwsOperation.POD_IDENTITY_CREDENTIALS))
        .singleElement()
        .satisfies(c -> assertThat(c.succeeded()).isTrue());
    assertThat(aws.calls(AwsOperation.GET_SECRET_VALUE))
        .allSatisfy(c -> assertThat(c.principal()).isEqualTo(ROLE_A));
  }

  @Test
  void podIdentityFallsBackFromAFailingIpv4AgentToTheIpv6One() {
    isolateTeams();
    aws.inject(
        AwsFault.error(AwsError.serviceUnavailable())
            .operation(AwsOperation.POD_IDENTITY_CREDENTIALS)
            .times(1)
            .build());
    LoopbackForwarder v6 = ipv6Agent();
    URI ipv4 = AWS.emulator().podIdentityAgentUri();
    assertThat(ipv4.getHost()).isEqualTo("127.0.0.1");
    AwsSources sources = sources(b -> b.podIdentityAgentUrls(List.of(ipv4, v6.rewrite(ipv4))));

    MountResult r = mountAsPod(sources, AddressPreference.AUTO);

    assertThat(file(r, "api")).isEqualTo("team-a-api");
    assertThat(v6.connections()).isEqualTo(1);
    assertThat(aws.calls(AwsOperation.POD_IDENTITY_CREDENTIALS))
        .extracting(c -> c.errorCode().orElse("ok"))
        .containsExactly("ServiceUnavailable", "ok");
  }

  @Test
  void anIpv6PreferenceGoesStraightToTheIpv6Agent() {
    isolateTeams();
    LoopbackForwarder v6 = ipv6Agent();
    URI ipv4 = AWS.emulator().podIdentityAgentUri();
    AwsSources sources = sources(b -> b.podIdentityAgentUrls(List.of(ipv4, v6.rewrite(ipv4))));

    mountAsPod(sources, AddressPreference.IPV6);

    assertThat(v6.connections()).isEqualTo(1);
    assertThat(aws.calls(AwsOperation.POD_IDENTITY_CREDENTIALS)).hasSize(1);
  }

  @Test
  void anIpv4PreferenceNeverTriesTheIpv6Agent() {
    isolateTeams();
    LoopbackForwarder v6 = ipv6Agent();
    URI closedIpv4 = PodIdentityAgentTest.closedPort();
    AwsSources sources =
        sources(
            b ->
                b.podIdentityAgentUrls(
                    List.of(closedIpv4, v6.rewrite(AWS.emulator().podIdentityAgentUri()))));

    FetchResult r =
        sources
            .secretsManager()
            .fetch(
                secrets(
                    EAST, podIdentity("team-a", "app", "p1", AddressPreference.IPV4), "team-a/db"))
            .get(0);

    assertThat(error(r).code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
    assertThat(error(r).getMessage())
        .startsWith(
            "us-east-1: Failed fetching secret team-a/db: failed to get credentials from the EKS"
                + " Pod Identity agent: "
                + closedIpv4
                + ": ");
    assertThat(v6.connections()).isZero();
    assertThat(aws.calls()).isEmpty();
  }
}

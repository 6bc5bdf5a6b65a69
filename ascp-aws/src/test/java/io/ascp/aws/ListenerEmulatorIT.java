// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static io.ascp.aws.Emulated.EAST;
import static io.ascp.aws.Emulated.WEST;
import static io.ascp.aws.Emulated.irsa;
import static io.ascp.aws.Emulated.mountParameters;
import static io.ascp.aws.Emulated.podIdentity;
import static io.ascp.aws.Emulated.role;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.ascp.api.AddressPreference;
import io.ascp.api.AscpException;
import io.ascp.api.AscpListener;
import io.ascp.api.AuthMode;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;
import io.ascp.core.SecretMounter;
import io.ascp.testkit.AwsError;
import io.ascp.testkit.AwsFault;
import io.ascp.testkit.AwsOperation;
import io.ascp.testkit.AwsService;
import io.ascp.testkit.FakeAws;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link AwsSources.Builder#listener} with real mounts through the real SDK against the testkit's
 * emulator: one backend-call event per AWS API call (STS and the Pod Identity agent included, the
 * SDK's retries inside the call they retry), one credentials event per lookup with cache hits told
 * apart from exchanges, each event's error class, no name and no token in any event, and a throwing
 * listener that changes nothing.
 */
class ListenerEmulatorIT {
  @RegisterExtension static final AwsEmulatorExtension AWS = new AwsEmulatorExtension();

  static final String ROLE = role("shop");
  static final String MARKER = "VALUEMARKERk4";

  static final String OBJECTS =
      """
      - objectName: shop/db
        objectType: secretsmanager
        objectAlias: db
      - objectName: /shop/url
        objectType: ssmparameter
        objectAlias: url
      """;

  /** Every backend call and credentials lookup, in order. */
  static final class Recorder implements AscpListener {
    final List<BackendCall> calls = new CopyOnWriteArrayList<>();
    final List<CredentialsLookup> lookups = new CopyOnWriteArrayList<>();

    @Override
    public void backendCall(BackendCall event) {
      calls.add(event);
    }

    @Override
    public void credentialsLookup(CredentialsLookup event) {
      lookups.add(event);
    }

    List<BackendCall> calls(String service) {
      return calls.stream().filter(c -> c.service().equals(service)).toList();
    }

    void clear() {
      calls.clear();
      lookups.clear();
    }
  }

  final List<AutoCloseable> opened = new ArrayList<>();
  final Recorder recorder = new Recorder();
  FakeAws aws;

  @BeforeEach
  void seed() {
    aws = AWS.aws();
    for (String region : List.of(EAST, WEST)) {
      aws.secretsManager(region).createSecret("shop/db", "db-" + MARKER);
      aws.parameterStore(region).putParameter("/shop/url", "url-" + MARKER);
    }
    aws.iam()
        .allow(ROLE, AwsService.SECRETS_MANAGER, "shop/*")
        .allow(ROLE, AwsService.SSM, "/shop/*")
        .allowWebIdentity(ROLE, "system:serviceaccount:shop:*")
        .associatePodIdentity("shop", "app", ROLE);
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
    List<String> events = new ArrayList<>();
    recorder.calls.forEach(c -> events.add(c.toString()));
    recorder.lookups.forEach(l -> events.add(l.toString()));
    // Bounded values only: no object, namespace, service account, role or token, no value.
    assertThat(events)
        .allSatisfy(
            e ->
                assertThat(e)
                    .doesNotContain("shop", "/url", MARKER, "eyJ", ROLE, "app")
                    .doesNotContain(Emulated.ACCOUNT));
  }

  AwsSources sources(AscpListener listener, UnaryOperator<AwsSourcesConfig.Builder> config) {
    AwsSources s =
        AwsSources.builder()
            .config(config.apply(Emulated.config(AWS.emulator())).build())
            .credentialsProvider(Emulated.DEFAULT_CREDENTIALS)
            .listener(listener)
            .build();
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

  @Test
  void irsaMountsReportEachApiCallAndOneExchangeThenCacheHits() {
    SecretMounter mounter = mounter(sources(recorder, b -> b));
    CallerIdentity caller = irsa("shop", "web", ROLE);

    MountResult result = mounter.mount(mount(EAST, caller));
    assertThat(result.string("db")).isEqualTo("db-" + MARKER);

    assertThat(recorder.calls)
        .extracting(c -> c.service(), c -> c.operation(), c -> c.region(), c -> c.errorCode())
        .containsExactlyInAnyOrder(
            tuple("sts", "AssumeRoleWithWebIdentity", Optional.of(EAST), Optional.empty()),
            tuple("secretsmanager", "GetSecretValue", Optional.of(EAST), Optional.empty()),
            tuple("ssm", "GetParameters", Optional.of(EAST), Optional.empty()));
    // One lookup per batch (two types); the token was exchanged once.
    assertThat(recorder.lookups)
        .extracting(l -> l.authMode(), l -> l.region(), l -> l.errorCode())
        .containsOnly(tuple(AuthMode.IRSA, EAST, Optional.empty()))
        .hasSize(2);
    assertThat(recorder.lookups).filteredOn(l -> !l.cacheHit()).hasSize(1);
    assertThat(recorder.calls).allSatisfy(c -> assertThat(c.duration()).isPositive());

    recorder.clear();
    mounter.mount(mount(EAST, caller));
    assertThat(recorder.calls(AwsClients.SERVICE_STS)).isEmpty();
    assertThat(recorder.lookups).hasSize(2).allMatch(AscpListener.CredentialsLookup::cacheHit);
    // The emulator saw exactly the calls the events report.
    assertThat(aws.calls()).hasSize(5);
  }

  @Test
  void describeAndBatchCallsAreReportedByOperation() {
    AwsSources sources = sources(recorder, b -> b.batchGetSecretValue(true));
    CallerIdentity caller = CallerIdentity.defaultChain();
    aws.iam()
        .allow(Emulated.DEFAULT_KEY, AwsService.SECRETS_MANAGER, "shop/*")
        .allow(Emulated.DEFAULT_KEY, AwsService.SSM, "/shop/*");

    mounter(sources).mount(mount(WEST, caller));
    sources.secretsManager().describe(new io.ascp.api.spi.DescribeRequest(WEST, caller, "shop/db"));

    assertThat(recorder.calls)
        .extracting(c -> c.operation(), c -> c.region())
        .containsExactlyInAnyOrder(
            tuple("BatchGetSecretValue", Optional.of(WEST)),
            tuple("GetParameters", Optional.of(WEST)),
            tuple("DescribeSecret", Optional.of(WEST)));
    // The default chain's provider caches on its own: never reported as a hit.
    assertThat(recorder.lookups)
        .extracting(l -> l.authMode(), l -> l.cacheHit())
        .containsOnly(tuple(AuthMode.DEFAULT_CHAIN, false))
        .hasSize(3);
  }

  @Test
  void failedCallsCarryTheirErrorClassAndRetriesStayInsideOneCall() {
    SecretMounter mounter = mounter(sources(recorder, b -> b));
    CallerIdentity caller = irsa("shop", "web", ROLE);
    // Throttled twice, then served: the SDK retries inside one call.
    aws.inject(
        AwsFault.error(AwsError.throttling())
            .operation(AwsOperation.GET_PARAMETERS)
            .times(2)
            .build());
    mounter.mount(mount(EAST, caller));
    assertThat(recorder.calls(AwsClients.SERVICE_SSM))
        .singleElement()
        .satisfies(c -> assertThat(c.succeeded()).isTrue());
    assertThat(aws.calls(AwsOperation.GET_PARAMETERS)).hasSize(3);

    recorder.clear();
    aws.secretsManager(EAST).forceDeleteSecret("shop/db");
    assertThatThrownBy(() -> mounter.mount(mount(EAST, caller)))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThat(recorder.calls(AwsClients.SERVICE_SECRETS_MANAGER))
        .extracting(c -> c.errorCode())
        .containsExactly(Optional.of(ErrorCode.NOT_FOUND));

    recorder.clear();
    CallerIdentity stranger = irsa("other", "web", ROLE);
    assertThatThrownBy(() -> mounter.mount(mount(EAST, stranger)))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIALS));
    assertThat(recorder.calls(AwsClients.SERVICE_STS))
        .extracting(c -> c.errorCode())
        .containsOnly(Optional.of(ErrorCode.ACCESS_DENIED));
    assertThat(recorder.lookups)
        .extracting(l -> l.errorCode())
        .containsOnly(Optional.of(ErrorCode.CREDENTIALS));
  }

  @Test
  void podIdentityAgentRequestsAreReportedPerUrlWithoutARegion() throws Exception {
    URI closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = URI.create("http://127.0.0.1:" + s.getLocalPort() + "/v1/credentials");
    }
    URI agent = AWS.emulator().podIdentityAgentUri();
    SecretMounter mounter =
        mounter(sources(recorder, b -> b.podIdentityAgentUrls(List.of(closed, agent))));
    CallerIdentity pod = podIdentity("shop", "app", "uid-1", AddressPreference.AUTO);

    mounter.mount(mount(EAST, pod));

    assertThat(recorder.calls(PodIdentityAgent.SERVICE))
        .extracting(c -> c.operation(), c -> c.region(), c -> c.errorCode())
        .containsExactly(
            tuple("GetCredentials", Optional.empty(), Optional.of(ErrorCode.BACKEND_UNAVAILABLE)),
            tuple("GetCredentials", Optional.empty(), Optional.empty()));
    assertThat(recorder.lookups)
        .extracting(l -> l.authMode(), l -> l.cacheHit())
        .containsExactlyInAnyOrder(
            tuple(AuthMode.POD_IDENTITY, false), tuple(AuthMode.POD_IDENTITY, true));
  }

  @Test
  void aThrowingListenerChangesNothing() {
    List<String> heard = new CopyOnWriteArrayList<>();
    AscpListener throwing =
        new AscpListener() {
          @Override
          public void backendCall(BackendCall event) {
            heard.add(event.operation());
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void credentialsLookup(CredentialsLookup event) {
            heard.add("lookup");
            throw new IllegalStateException("listener bug");
          }
        };
    SecretMounter mounter = mounter(sources(throwing, b -> b));

    MountResult first = mounter.mount(mount(EAST, irsa("shop", "web", ROLE)));
    MountResult second = mounter.mount(mount(EAST, irsa("shop", "web", ROLE)));

    assertThat(first.string("url")).isEqualTo("url-" + MARKER);
    assertThat(second.string("db")).isEqualTo("db-" + MARKER);
    assertThat(heard)
        .contains("AssumeRoleWithWebIdentity", "GetSecretValue", "GetParameters", "lookup");
    assertThat(heard).filteredOn("lookup"::equals).hasSize(4);
  }
}

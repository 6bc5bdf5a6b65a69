// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static io.ascp.aws.Emulated.EAST;
import static io.ascp.aws.Emulated.WEST;
import static io.ascp.aws.Emulated.irsa;
import static io.ascp.aws.Emulated.mountParameters;
import static io.ascp.aws.Emulated.role;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ascp.api.CallerIdentity;
import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;
import io.ascp.api.ObjectType;
import io.ascp.core.SecretMounter;
import io.ascp.core.ValueCachePolicy;
import io.ascp.testkit.AwsFault;
import io.ascp.testkit.AwsOperation;
import io.ascp.testkit.AwsService;
import io.ascp.testkit.FakeAws;
import io.ascp.testkit.FakeTicker;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reuse and caching, counted by the emulator (never timed): one HTTP connection pool and one set of
 * SDK clients for every identity and region, one credentials exchange per identity, token and
 * region however many mounts, single-flight folding identical concurrent fetches into one call, and
 * the opt-in value cache cutting value calls. docs/performance.md takes its call counts from here.
 */
class CacheAndReuseEmulatorIT {
  // Virtual latency when a test injects some; the sources read time from it too.
  static final FakeTicker TICKER = FakeTicker.create();
  static final Duration LATENCY = Duration.ofMillis(200);
  static final Duration WAIT = Duration.ofSeconds(60);
  static final int SECRETS = 3;
  static final int PARAMETERS = 12;
  static final int MOUNTS = 10;

  @RegisterExtension
  static final AwsEmulatorExtension AWS =
      AwsEmulatorExtension.builder().fakeAws(FakeAws.builder().ticker(TICKER).build()).build();

  FakeAws aws;
  LoopbackForwarder forwarder;
  AwsSources sources;
  final List<SecretMounter> mounters = new ArrayList<>();
  final ExecutorService pool = Executors.newCachedThreadPool();

  @BeforeEach
  void seed() throws Exception {
    aws = AWS.aws();
    for (String region : List.of(EAST, WEST)) {
      for (int i = 0; i < SECRETS; i++) {
        aws.secretsManager(region).createSecret("app/s" + i, "s" + i);
      }
      for (int i = 0; i < PARAMETERS; i++) {
        aws.parameterStore(region).putParameter(String.format("/app/p%02d", i), "p" + i);
      }
    }
    for (String name : List.of("a", "b", "c", "d")) {
      aws.iam()
          .allow(role(name), AwsService.SECRETS_MANAGER, "app/*")
          .allow(role(name), AwsService.SSM, "/app/*")
          .allowWebIdentity(role(name), "system:serviceaccount:team:" + name);
    }
    URI endpoint = AWS.emulator().endpoint();
    forwarder =
        new LoopbackForwarder(
            InetAddress.getLoopbackAddress(),
            new InetSocketAddress(endpoint.getHost(), endpoint.getPort()));
    // Every AWS call of these sources goes through the forwarder, which counts connections.
    sources =
        AwsSources.builder()
            .config(Emulated.config(AWS.emulator()).endpoint(forwarder.rewrite(endpoint)).build())
            .credentialsProvider(Emulated.DEFAULT_CREDENTIALS)
            .clock(TICKER.clock())
            .build();
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
    mounters.forEach(SecretMounter::close);
    sources.close();
    forwarder.close();
  }

  SecretMounter mounter(ValueCachePolicy policy) {
    SecretMounter m =
        SecretMounter.builder()
            .source(ObjectType.SECRETS_MANAGER, sources.secretsManager())
            .source(ObjectType.SSM_PARAMETER, sources.parameterStore())
            .valueCache(policy)
            .build();
    mounters.add(m);
    return m;
  }

  static String objects(int secrets, int parameters) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < secrets; i++) {
      b.append("- objectName: app/s").append(i).append("\n  objectType: secretsmanager\n");
    }
    for (int i = 0; i < parameters; i++) {
      b.append(String.format("- objectName: /app/p%02d%n  objectType: ssmparameter%n", i));
    }
    return b.toString();
  }

  static MountRequest request(String region, CallerIdentity identity, int secrets, int params) {
    return MountRequest.of(mountParameters(region, null, objects(secrets, params)), identity);
  }

  int calls(AwsOperation operation) {
    return aws.calls(operation).size();
  }

  @Test
  void manyMountsOfManyIdentitiesShareOnePoolAndExchangeEachTokenOncePerRegion() {
    SecretMounter m = mounter(ValueCachePolicy.disabled());
    List<String> names = List.of("a", "b", "c", "d");
    for (int round = 0; round < MOUNTS; round++) {
      for (String name : names) {
        for (String region : List.of(EAST, WEST)) {
          MountResult r = m.mount(request(region, irsa("team", name, role(name)), SECRETS, 12));
          assertThat(Emulated.file(r, "app_s0")).isEqualTo("s0");
        }
      }
    }
    int mounts = MOUNTS * names.size() * 2;
    // Credentials: once per identity and region, not once per mount.
    assertThat(calls(AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY)).isEqualTo(names.size() * 2);
    // Cache off: every mount reads every value (the reference's parity).
    assertThat(calls(AwsOperation.GET_SECRET_VALUE)).isEqualTo(mounts * SECRETS);
    assertThat(calls(AwsOperation.GET_PARAMETERS)).isEqualTo(mounts * 2);
    // One pool for every identity and region: connections are reused, not opened per call.
    int httpCalls = aws.calls().size();
    assertThat(httpCalls).isEqualTo(names.size() * 2 + mounts * (SECRETS + 2));
    assertThat(forwarder.connections())
        .as("TCP connections for %s calls", httpCalls)
        .isLessThanOrEqualTo(sources.config().fetchParallelism() + 4);
  }

  @Test
  void theValueCacheCutsValueCallsToOneReadPerTtl() {
    SecretMounter m = mounter(ValueCachePolicy.builder().ttl(Duration.ofMinutes(5)).build());
    for (int round = 0; round < MOUNTS; round++) {
      MountResult r = m.mount(request(EAST, irsa("team", "a", role("a")), SECRETS, PARAMETERS));
      assertThat(Emulated.file(r, "_app_p11")).isEqualTo("p11");
    }
    assertThat(calls(AwsOperation.GET_SECRET_VALUE)).isEqualTo(SECRETS);
    assertThat(calls(AwsOperation.GET_PARAMETERS)).isEqualTo(2);
    assertThat(calls(AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY)).isEqualTo(1);
  }

  @Test
  void revalidationTradesValueCallsForDescribeCallsAndShowsARotationAtOnce() {
    SecretMounter m =
        mounter(
            ValueCachePolicy.builder()
                .ttl(Duration.ofMinutes(5))
                .revalidateAfter(Duration.ZERO)
                .build());
    CallerIdentity a = irsa("team", "a", role("a"));
    for (int round = 0; round < MOUNTS; round++) {
      m.mount(request(EAST, a, SECRETS, 0));
    }
    assertThat(calls(AwsOperation.GET_SECRET_VALUE)).isEqualTo(SECRETS);
    assertThat(calls(AwsOperation.DESCRIBE_SECRET)).isEqualTo((MOUNTS - 1) * SECRETS);

    aws.secretsManager(EAST).putSecretValue("app/s1", "rotated");
    MountResult r = m.mount(request(EAST, a, SECRETS, 0));
    assertThat(Emulated.file(r, "app_s1")).isEqualTo("rotated");
    assertThat(calls(AwsOperation.GET_SECRET_VALUE)).isEqualTo(SECRETS + 1);
  }

  @Test
  void concurrentIdenticalMountsShareTheirValueCalls() throws Exception {
    SecretMounter m = mounter(ValueCachePolicy.disabled());
    CallerIdentity a = irsa("team", "a", role("a"));
    m.mount(request(EAST, a, SECRETS, 0)); // warms the credentials and the classes
    aws.clearCalls();
    aws.inject(AwsFault.latency(LATENCY).operation(AwsOperation.GET_SECRET_VALUE).build());

    List<Future<MountResult>> results = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    int concurrent = 6;
    for (int k = 0; k < concurrent; k++) {
      AtomicReference<Thread> thread = new AtomicReference<>();
      results.add(
          pool.submit(
              () -> {
                thread.set(Thread.currentThread());
                return m.mount(request(EAST, irsa("team", "a", role("a")), SECRETS, 0));
              }));
      if (k == 0) {
        aws.awaitInFlight(SECRETS, WAIT);
      }
      await().atMost(WAIT).until(() -> thread.get() != null);
      threads.add(thread.get());
    }
    // Every later mount is parked on the first one's calls: nothing new reached the backend.
    for (Thread t : threads.subList(1, concurrent)) {
      await().atMost(WAIT).until(() -> t.getState() == Thread.State.WAITING);
    }
    assertThat(aws.inFlight()).isEqualTo(SECRETS);
    TICKER.advance(LATENCY);

    for (Future<MountResult> f : results) {
      assertThat(Emulated.file(f.get(WAIT.toSeconds(), TimeUnit.SECONDS), "app_s2"))
          .isEqualTo("s2");
    }
    assertThat(calls(AwsOperation.GET_SECRET_VALUE)).isEqualTo(SECRETS);
    assertThat(calls(AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY)).isZero();
  }
}

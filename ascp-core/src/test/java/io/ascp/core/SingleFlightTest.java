// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ascp.api.AscpException;
import io.ascp.api.AuthMode;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.ObjectType;
import io.ascp.api.ServiceAccountToken;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.ObjectRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Identical concurrent fetches share one backend call, per object, and only per identity. */
class SingleFlightTest {
  static final String REGION = "us-east-1";
  static final String TOKEN_MARKER = "TOKENMARKERsf01";

  final SingleFlight flights = new SingleFlight();
  final GateSource source = new GateSource();
  final ExecutorService pool = Executors.newCachedThreadPool();
  final List<Thread> threads = new ArrayList<>();

  @AfterEach
  void stop() {
    source.open();
    pool.shutdownNow();
  }

  static CallerIdentity irsa(String role, String sa, String pod) {
    return CallerIdentity.builder()
        .namespace("ns")
        .serviceAccount(sa)
        .podName(pod)
        .podUid("uid-" + pod)
        .authMode(AuthMode.IRSA)
        .roleArn("arn:aws:iam::111111111111:role/" + role)
        .token(CallerIdentity.STS_AUDIENCE, ServiceAccountToken.of(TOKEN_MARKER + pod))
        .build();
  }

  static CallerIdentity podIdentity(String sa, String pod) {
    return CallerIdentity.builder()
        .namespace("ns")
        .serviceAccount(sa)
        .podName(pod)
        .podUid("uid-" + pod)
        .authMode(AuthMode.POD_IDENTITY)
        .build();
  }

  static FetchBatch batch(CallerIdentity identity, String... names) {
    List<ObjectRequest> objects = new ArrayList<>();
    for (String n : names) {
      objects.add(ObjectRequest.of(n));
    }
    return new FetchBatch(ObjectType.SECRETS_MANAGER, REGION, identity, objects);
  }

  static String text(FetchResult r) {
    assertThat(r).isInstanceOf(FetchResult.Found.class);
    return new String(((FetchResult.Found) r).value().contents(), StandardCharsets.UTF_8);
  }

  /** Fetches on a pool thread, shared. */
  Future<List<FetchResult>> fetch(FetchBatch batch) {
    return submit(() -> flights.fetch(source, batch, true, (q, f) -> {}));
  }

  <T> Future<T> submit(Callable<T> work) {
    AtomicReference<Thread> thread = new AtomicReference<>();
    Future<T> f =
        pool.submit(
            () -> {
              thread.set(Thread.currentThread());
              return work.call();
            });
    await().atMost(Duration.ofSeconds(30)).until(() -> thread.get() != null);
    threads.add(thread.get());
    return f;
  }

  /** Waits until the latest submitted fetch is blocked (in the source or waiting on a flight). */
  void awaitBlocked() {
    Thread t = threads.get(threads.size() - 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> t.getState() == Thread.State.WAITING);
  }

  static <T> T get(Future<T> f) throws Exception {
    return f.get(30, TimeUnit.SECONDS);
  }

  @Test
  void concurrentIdenticalFetchesShareOneCall() throws Exception {
    source.close();
    CallerIdentity a = irsa("app", "web", "web-0");
    Future<List<FetchResult>> first = fetch(batch(a, "s1"));
    awaitBlocked();
    Future<List<FetchResult>> second = fetch(batch(a, "s1"));
    awaitBlocked();
    Future<List<FetchResult>> third = fetch(batch(irsa("app", "web", "web-1"), "s1"));
    awaitBlocked();
    assertThat(flights.inFlight()).isEqualTo(1);
    source.open();

    assertThat(text(get(first).get(0))).isEqualTo(GateSource.valueOf(a, "s1"));
    assertThat(text(get(second).get(0))).isEqualTo(GateSource.valueOf(a, "s1"));
    // Another pod of the same IRSA service account and role shares the call.
    assertThat(text(get(third).get(0))).isEqualTo(GateSource.valueOf(a, "s1"));
    assertThat(source.batches).hasSize(1);
    assertThat(flights.inFlight()).isZero();
  }

  @Test
  void objectsInFlightAreAwaitedAndTheRestGoToTheSourceAsASmallerBatch() throws Exception {
    source.close();
    CallerIdentity a = irsa("app", "web", "web-0");
    Future<List<FetchResult>> first = fetch(batch(a, "x", "y"));
    awaitBlocked();
    Future<List<FetchResult>> second = fetch(batch(a, "y", "z"));
    awaitBlocked();
    source.open();

    assertThat(get(first))
        .extracting(SingleFlightTest::text)
        .containsExactly(GateSource.valueOf(a, "x"), GateSource.valueOf(a, "y"));
    assertThat(get(second))
        .extracting(SingleFlightTest::text)
        .containsExactly(GateSource.valueOf(a, "y"), GateSource.valueOf(a, "z"));
    assertThat(source.names()).containsExactly(List.of("x", "y"), List.of("z"));
    assertThat(flights.inFlight()).isZero();
  }

  @Test
  void aBatchNamingAnObjectTwiceAsksForItOnce() throws Exception {
    CallerIdentity a = irsa("app", "web", "web-0");
    List<FetchResult> results = get(fetch(batch(a, "s", "t", "s")));
    assertThat(results)
        .extracting(SingleFlightTest::text)
        .containsExactly(
            GateSource.valueOf(a, "s"), GateSource.valueOf(a, "t"), GateSource.valueOf(a, "s"));
    assertThat(source.names()).containsExactly(List.of("s", "t"));
  }

  @Test
  void differentIdentitiesNeverShareACall() throws Exception {
    source.close();
    List<CallerIdentity> identities =
        List.of(
            irsa("app", "web", "web-0"),
            irsa("other", "web", "web-0"), // another role
            irsa("app", "api", "web-0"), // another service account
            podIdentity("web", "web-0"), // another auth mode
            podIdentity("web", "web-1")); // another pod (Pod Identity tags carry the pod)
    List<Future<List<FetchResult>>> results = new ArrayList<>();
    for (CallerIdentity identity : identities) {
      results.add(submit(() -> flights.fetch(source, batch(identity, "s"), true, (q, f) -> {})));
      awaitBlocked();
    }
    assertThat(flights.inFlight()).isEqualTo(identities.size());
    source.open();
    for (int i = 0; i < identities.size(); i++) {
      assertThat(text(get(results.get(i)).get(0)))
          .isEqualTo(GateSource.valueOf(identities.get(i), "s"));
    }
    assertThat(source.batches).hasSize(identities.size());
  }

  @Test
  void aFailureIsSharedWithTheWaiters() throws Exception {
    source.errors.put("web-0|s", ErrorCode.THROTTLED);
    source.close();
    CallerIdentity a = irsa("app", "web", "web-0");
    Future<List<FetchResult>> first = fetch(batch(a, "s"));
    awaitBlocked();
    Future<List<FetchResult>> second = fetch(batch(a, "s"));
    awaitBlocked();
    source.open();

    AscpException one = ((FetchResult.Failed) get(first).get(0)).error();
    AscpException two = ((FetchResult.Failed) get(second).get(0)).error();
    assertThat(one.code()).isEqualTo(ErrorCode.THROTTLED);
    assertThat(two).isSameAs(one);
    assertThat(source.batches).hasSize(1);
  }

  @Test
  void aCredentialsFailureIsNotSharedTheWaiterUsesItsOwnToken() throws Exception {
    source.errors.put("web-0|s", ErrorCode.CREDENTIALS);
    source.close();
    CallerIdentity a = irsa("app", "web", "web-0");
    Future<List<FetchResult>> first = fetch(batch(a, "s"));
    awaitBlocked();
    Future<List<FetchResult>> second = fetch(batch(irsa("app", "web", "web-1"), "s"));
    awaitBlocked();
    source.open();

    assertThat(((FetchResult.Failed) get(first).get(0)).error().code())
        .isEqualTo(ErrorCode.CREDENTIALS);
    assertThat(text(get(second).get(0)))
        .isEqualTo(GateSource.valueOf(irsa("app", "web", "web-1"), "s"));
    assertThat(source.batches).hasSize(2);
    assertThat(source.batches.get(1).identity().podName()).isEqualTo("web-1");
  }

  @Test
  void anInterruptedWaiterFailsAloneTheCallAndTheOtherWaitersGoOn() throws Exception {
    source.close();
    CallerIdentity a = irsa("app", "web", "web-0");
    Future<List<FetchResult>> owner = fetch(batch(a, "s"));
    awaitBlocked();
    Future<List<FetchResult>> cancelled = fetch(batch(a, "s"));
    awaitBlocked();
    Thread cancelledThread = threads.get(threads.size() - 1);
    Future<List<FetchResult>> other = fetch(batch(a, "s"));
    awaitBlocked();

    cancelledThread.interrupt();
    assertThat(catchCause(cancelled))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
    assertThat(flights.inFlight()).isEqualTo(1);
    source.open();

    assertThat(text(get(owner).get(0))).isEqualTo(GateSource.valueOf(a, "s"));
    assertThat(text(get(other).get(0))).isEqualTo(GateSource.valueOf(a, "s"));
    assertThat(source.batches).hasSize(1);
  }

  @Test
  void whenTheOwnerIsCancelledTheWaitersStartOverInsteadOfSharingItsFailure() throws Exception {
    source.close();
    CallerIdentity a = irsa("app", "web", "web-0");
    Future<List<FetchResult>> owner = fetch(batch(a, "s"));
    awaitBlocked();
    Thread ownerThread = threads.get(threads.size() - 1);
    Future<List<FetchResult>> waiter = fetch(batch(a, "s"));
    awaitBlocked();
    Thread waiterThread = threads.get(threads.size() - 1);

    ownerThread.interrupt();
    assertThat(((FetchResult.Failed) get(owner).get(0)).error().code())
        .isEqualTo(ErrorCode.INTERNAL);
    // The waiter became the owner of a new call, blocked at the (still closed) gate.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> source.batches.size() == 2 && waiterThread.getState() == Thread.State.WAITING);
    source.open();
    assertThat(text(get(waiter).get(0))).isEqualTo(GateSource.valueOf(a, "s"));
    assertThat(flights.inFlight()).isZero();
  }

  @Test
  void withoutSharingEveryBatchGoesToTheSourceAsItIs() throws Exception {
    source.close();
    CallerIdentity a = irsa("app", "web", "web-0");
    Future<List<FetchResult>> first =
        submit(() -> flights.fetch(source, batch(a, "s", "s"), false, (q, f) -> {}));
    awaitBlocked();
    Future<List<FetchResult>> second =
        submit(() -> flights.fetch(source, batch(a, "s"), false, (q, f) -> {}));
    awaitBlocked();
    source.open();
    get(first);
    get(second);
    assertThat(source.names()).containsExactlyInAnyOrder(List.of("s", "s"), List.of("s"));
    assertThat(flights.inFlight()).isZero();
  }

  @Test
  void aThrowingSourceReleasesItsWaitersWhoTryThemselves() throws Exception {
    CallerIdentity a = irsa("app", "web", "web-0");
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    io.ascp.api.spi.SecretSource buggy =
        batch -> {
          if (calls.incrementAndGet() == 1) {
            entered.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("bug");
          }
          return source.fetch(batch);
        };
    Future<List<FetchResult>> owner =
        submit(() -> flights.fetch(buggy, batch(a, "s"), true, (q, f) -> {}));
    entered.await(30, TimeUnit.SECONDS);
    Future<List<FetchResult>> waiter =
        submit(() -> flights.fetch(buggy, batch(a, "s"), true, (q, f) -> {}));
    awaitBlocked();
    release.countDown();
    assertThat(catchCause(owner)).isInstanceOf(IllegalStateException.class);
    assertThat(text(get(waiter).get(0))).isEqualTo(GateSource.valueOf(a, "s"));
    assertThat(calls).hasValue(2);
    assertThat(flights.inFlight()).isZero();
  }

  @Test
  void keysShowNoToken() {
    CallerIdentity a = irsa("app", "web", "web-0");
    SingleFlight.Key key =
        new SingleFlight.Key(
            IdentityKey.of(a), REGION, ObjectType.SECRETS_MANAGER, ObjectRequest.of("s"));
    assertThat(key.toString()).doesNotContain(TOKEN_MARKER).contains("app", "web");
  }

  private static Throwable catchCause(Future<?> f) {
    try {
      f.get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return java.util.Objects.requireNonNull(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("the fetch succeeded");
  }
}

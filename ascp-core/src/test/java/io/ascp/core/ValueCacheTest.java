// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AddressPreference;
import io.ascp.api.AscpException;
import io.ascp.api.AuthMode;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountParameters;
import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;
import io.ascp.api.MountedFile;
import io.ascp.api.ObjectType;
import io.ascp.api.PathTranslation;
import io.ascp.api.SecretObject;
import io.ascp.api.ServiceAccountToken;
import io.ascp.api.spi.DescribeRequest;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.ObjectRequest;
import io.ascp.api.spi.SecretDescription;
import io.ascp.api.spi.SecretSource;
import io.ascp.api.spi.SecretValue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The opt-in value cache of the mount pipeline: TTLs, identity scoping, revalidation, bounds. */
class ValueCacheTest {
  static final String REGION = "us-east-1";
  static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String TOKEN_MARKER = "TOKENMARKERvc02";
  static final String SECRET_MARKER = "SECRETMARKERvc03";

  final FakeTicker ticker = new FakeTicker();
  final VersionedSource source = new VersionedSource();
  final ExecutorService executor = Executors.newFixedThreadPool(4);
  final List<SecretMounter> mounters = new ArrayList<>();

  @AfterEach
  void stop() {
    mounters.forEach(SecretMounter::close);
    executor.shutdownNow();
  }

  /** Secrets Manager-like: each name has versions v1, v2… with AWSCURRENT on the latest. */
  static final class VersionedSource implements SecretSource {
    final Map<String, List<String>> versions = new ConcurrentHashMap<>();
    final List<ObjectRequest> fetched = new CopyOnWriteArrayList<>();
    final List<DescribeRequest> described = new CopyOnWriteArrayList<>();
    final Map<String, String> denied = new ConcurrentHashMap<>();
    volatile boolean describeFails;

    VersionedSource put(String name, String value) {
      versions.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(value);
      return this;
    }

    String current(String name) {
      return "v" + java.util.Objects.requireNonNull(versions.get(name)).size();
    }

    @Override
    public List<FetchResult> fetch(FetchBatch batch) {
      List<FetchResult> out = new ArrayList<>();
      for (ObjectRequest r : batch.objects()) {
        fetched.add(r);
        if (batch.identity().roleArn().orElse("").equals(denied.get(r.name()))) {
          out.add(FetchResult.failed(r, new AscpException(ErrorCode.ACCESS_DENIED, "denied")));
          continue;
        }
        List<String> all = java.util.Objects.requireNonNull(versions.get(r.name()));
        String version = r.version().orElse("v" + all.size());
        String value = all.get(Integer.parseInt(version.substring(1)) - 1);
        out.add(
            FetchResult.found(
                r,
                new SecretValue(r.name(), version, value.getBytes(StandardCharsets.UTF_8), false)));
      }
      return out;
    }

    @Override
    public Optional<SecretDescription> describe(DescribeRequest request) {
      described.add(request);
      if (describeFails) {
        throw new AscpException(ErrorCode.THROTTLED, "describe throttled");
      }
      return Optional.of(
          new SecretDescription(
              request.name(), Map.of(current(request.name()), Set.of("AWSCURRENT"))));
    }
  }

  static CallerIdentity irsa(String role, String sa, String pod, Instant tokenExpiry) {
    return CallerIdentity.builder()
        .namespace("ns")
        .serviceAccount(sa)
        .podName(pod)
        .podUid("uid-" + pod)
        .authMode(AuthMode.IRSA)
        .roleArn("arn:aws:iam::111111111111:role/" + role)
        .token(
            CallerIdentity.STS_AUDIENCE,
            new ServiceAccountToken(TOKEN_MARKER + pod, Optional.of(tokenExpiry.toString())))
        .build();
  }

  static CallerIdentity irsa(String role, String sa, String pod) {
    return irsa(role, sa, pod, NOW.plus(Duration.ofHours(1)));
  }

  static CallerIdentity podIdentity(String sa, String pod) {
    return CallerIdentity.builder()
        .namespace("ns")
        .serviceAccount(sa)
        .podName(pod)
        .podUid("uid-" + pod)
        .authMode(AuthMode.POD_IDENTITY)
        .token(
            CallerIdentity.POD_IDENTITY_AUDIENCE,
            new ServiceAccountToken(
                TOKEN_MARKER + pod, Optional.of(NOW.plus(Duration.ofHours(1)).toString())))
        .build();
  }

  SecretMounter mounter(ValueCachePolicy policy) {
    SecretMounter m =
        SecretMounter.builder()
            .source(source)
            .executor(executor)
            .ticker(ticker)
            .clock(CLOCK)
            .valueCache(policy)
            .planner(MountPipelineTest::plan)
            .extractor(MountPipelineTest::extract)
            .build();
    mounters.add(m);
    return m;
  }

  static ValueCachePolicy ttl(Duration ttl) {
    return ValueCachePolicy.builder().ttl(ttl).build();
  }

  static MountRequest request(CallerIdentity identity, SecretObject... objects) {
    MountParameters parameters =
        new MountParameters(
            REGION,
            Optional.empty(),
            PathTranslation.DEFAULT,
            false,
            AddressPreference.AUTO,
            List.of(objects));
    return new MountRequest(parameters, identity, 0644, List.of());
  }

  static SecretObject sm(String name) {
    return SecretObject.builder(name, ObjectType.SECRETS_MANAGER).build();
  }

  static SecretObject pinned(String name, String version) {
    return SecretObject.builder(name, ObjectType.SECRETS_MANAGER).objectVersion(version).build();
  }

  static SecretObject ssm(String name) {
    return SecretObject.builder(name, ObjectType.SSM_PARAMETER).build();
  }

  static String file(MountResult result, String path) {
    return result.files().stream()
        .filter(f -> f.path().equals(path))
        .map(f -> new String(f.contents(), StandardCharsets.UTF_8))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void offByDefaultEveryMountReadsEveryValue() {
    SecretMounter m = mounter(ValueCachePolicy.disabled());
    source.put("s", "one");
    CallerIdentity a = irsa("app", "web", "web-0");
    m.mount(request(a, sm("s")));
    source.put("s", "two");
    assertThat(file(m.mount(request(a, sm("s"))), "s")).isEqualTo("two");
    assertThat(source.fetched).hasSize(2);
    assertThat(m.pipeline().valueCache().size()).isZero();
  }

  @Test
  void withATtlARotatedValueShowsOnlyOnceTheEntryExpired() {
    SecretMounter m = mounter(ttl(Duration.ofMinutes(5)));
    source.put("s", "one");
    CallerIdentity a = irsa("app", "web", "web-0");
    assertThat(file(m.mount(request(a, sm("s"))), "s")).isEqualTo("one");
    source.put("s", "two");
    ticker.advance(Duration.ofMinutes(4));
    MountResult stale = m.mount(request(a, sm("s")));
    assertThat(file(stale, "s")).isEqualTo("one");
    assertThat(stale.versions().get(0).version()).isEqualTo("v1");
    assertThat(source.fetched).hasSize(1);

    ticker.advance(Duration.ofMinutes(1));
    assertThat(file(m.mount(request(a, sm("s"))), "s")).isEqualTo("two");
    assertThat(source.fetched).hasSize(2);
  }

  @Test
  void entriesAreScopedToTheIdentityThatReadThem() {
    SecretMounter m = mounter(ttl(Duration.ofMinutes(5)));
    source.put("s", "one");
    m.mount(request(irsa("app", "web", "web-0"), sm("s")));
    assertThat(source.fetched).hasSize(1);

    // Another pod of the same IRSA service account and role: same authorization, a hit.
    m.mount(request(irsa("app", "web", "web-1"), sm("s")));
    assertThat(source.fetched).hasSize(1);

    // Another role, another service account, another auth mode, another Pod Identity pod: misses.
    m.mount(request(irsa("other", "web", "web-0"), sm("s")));
    m.mount(request(irsa("app", "api", "web-0"), sm("s")));
    m.mount(request(podIdentity("web", "web-0"), sm("s")));
    m.mount(request(podIdentity("web", "web-1"), sm("s")));
    assertThat(source.fetched).hasSize(5);
    m.mount(request(podIdentity("web", "web-1"), sm("s")));
    assertThat(source.fetched).hasSize(5);
  }

  @Test
  void anIdentityThatIsDeniedIsDeniedEvenWhenAnotherIdentityCachedTheValue() {
    SecretMounter m = mounter(ttl(Duration.ofMinutes(5)));
    source.put("s", "one");
    source.denied.put("s", "arn:aws:iam::111111111111:role/other");
    m.mount(request(irsa("app", "web", "web-0"), sm("s")));
    assertThatThrownBy(() -> m.mount(request(irsa("other", "web", "web-0"), sm("s"))))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
    assertThat(source.fetched).hasSize(2);
  }

  @Test
  void aRequestWithAnExpiredOrMissingTokenIsNeverServedFromTheCache() {
    SecretMounter m = mounter(ttl(Duration.ofMinutes(5)));
    source.put("s", "one");
    m.mount(request(irsa("app", "web", "web-0"), sm("s")));
    m.mount(request(irsa("app", "web", "web-1", NOW.minusSeconds(1)), sm("s")));
    CallerIdentity noToken = irsa("app", "web", "web-2").toBuilder().tokens(Map.of()).build();
    m.mount(request(noToken, sm("s")));
    CallerIdentity noExpiry =
        irsa("app", "web", "web-3").toBuilder()
            .token(CallerIdentity.STS_AUDIENCE, ServiceAccountToken.of("opaque"))
            .build();
    m.mount(request(noExpiry, sm("s")));
    assertThat(source.fetched).hasSize(4);
  }

  @Test
  void theJwtExpClaimCountsWhenTheDriverReportedNoExpiry() {
    SecretMounter m = mounter(ttl(Duration.ofMinutes(5)));
    source.put("s", "one");
    m.mount(request(irsa("app", "web", "web-0"), sm("s")));
    String claims =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                ("{\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + "}")
                    .getBytes(StandardCharsets.UTF_8));
    CallerIdentity jwt =
        irsa("app", "web", "web-1").toBuilder()
            .token(CallerIdentity.STS_AUDIENCE, ServiceAccountToken.of("h." + claims + ".sig"))
            .build();
    m.mount(request(jwt, sm("s")));
    assertThat(source.fetched).hasSize(1);
  }

  @Test
  void pinnedVersionsMayBeKeptLongerThanStageReads() {
    SecretMounter m =
        mounter(
            ValueCachePolicy.builder()
                .ttl(Duration.ofMinutes(1))
                .pinnedTtl(Duration.ofHours(1))
                .build());
    source.put("s", "one").put("s", "two");
    CallerIdentity a = irsa("app", "web", "web-0");
    MountRequest both =
        request(a, sm("s"), pinned("s", "v1").toBuilder().objectAlias("old").build());
    m.mount(both);
    assertThat(source.fetched).hasSize(2);
    ticker.advance(Duration.ofMinutes(2));
    MountResult again = m.mount(both);
    assertThat(file(again, "s")).isEqualTo("two");
    assertThat(file(again, "old")).isEqualTo("one");
    assertThat(source.fetched).hasSize(3);
    assertThat(source.fetched.get(2).version()).isEmpty();
  }

  @Test
  void aPinnedOnlyCacheLeavesStageReadsFresh() {
    SecretMounter m = mounter(ValueCachePolicy.builder().pinnedTtl(Duration.ofHours(1)).build());
    source.put("s", "one").put("s", "two");
    CallerIdentity a = irsa("app", "web", "web-0");
    MountRequest both =
        request(a, sm("s"), pinned("s", "v1").toBuilder().objectAlias("old").build());
    m.mount(both);
    m.mount(both);
    assertThat(source.fetched)
        .extracting(r -> r.version().orElse("current"))
        .containsExactly("current", "v1", "current");
  }

  @Test
  void revalidationOnEveryHitShowsARotationOnTheNextMount() {
    SecretMounter m =
        mounter(
            ValueCachePolicy.builder()
                .ttl(Duration.ofMinutes(5))
                .revalidateAfter(Duration.ZERO)
                .build());
    source.put("s", "one");
    CallerIdentity a = irsa("app", "web", "web-0");
    m.mount(request(a, sm("s")));
    assertThat(file(m.mount(request(a, sm("s"))), "s")).isEqualTo("one");
    assertThat(source.fetched).hasSize(1);
    assertThat(source.described).hasSize(1);

    source.put("s", "two");
    assertThat(file(m.mount(request(a, sm("s"))), "s")).isEqualTo("two");
    assertThat(source.described).hasSize(2);
    assertThat(source.fetched).hasSize(2);
    // The new value is cached and confirmed again on the next mount.
    assertThat(file(m.mount(request(a, sm("s"))), "s")).isEqualTo("two");
    assertThat(source.fetched).hasSize(2);
    assertThat(source.described).hasSize(3);
  }

  @Test
  void revalidationAfterAnIntervalAsksOnlyOnceTheEntryIsThatOld() {
    SecretMounter m =
        mounter(
            ValueCachePolicy.builder()
                .ttl(Duration.ofMinutes(10))
                .revalidateAfter(Duration.ofMinutes(1))
                .build());
    source.put("s", "one");
    source.put("p", "param");
    CallerIdentity a = irsa("app", "web", "web-0");
    m.mount(request(a, sm("s"), ssm("p")));
    ticker.advance(Duration.ofSeconds(59));
    m.mount(request(a, sm("s"), ssm("p")));
    assertThat(source.described).isEmpty();
    ticker.advance(Duration.ofSeconds(1));
    m.mount(request(a, sm("s"), ssm("p")));
    m.mount(request(a, sm("s"), ssm("p")));
    // Confirmed once; SSM has no cheap check and is never revalidated.
    assertThat(source.described).extracting(DescribeRequest::name).containsExactly("s");
    assertThat(source.fetched).hasSize(2);
  }

  @Test
  void aFailedRevalidationReadsTheValueAgain() {
    SecretMounter m =
        mounter(
            ValueCachePolicy.builder()
                .ttl(Duration.ofMinutes(5))
                .revalidateAfter(Duration.ZERO)
                .build());
    source.put("s", "one");
    CallerIdentity a = irsa("app", "web", "web-0");
    m.mount(request(a, sm("s")));
    source.describeFails = true;
    m.mount(request(a, sm("s")));
    assertThat(source.fetched).hasSize(2);
  }

  @Test
  void manyRevalidationsRunConcurrentlyAndAllAnswer() {
    SecretMounter m =
        mounter(
            ValueCachePolicy.builder()
                .ttl(Duration.ofMinutes(5))
                .revalidateAfter(Duration.ZERO)
                .build());
    List<SecretObject> objects = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      source.put("s" + i, "value" + i);
      objects.add(sm("s" + i));
    }
    CallerIdentity a = irsa("app", "web", "web-0");
    m.mount(request(a, objects.toArray(SecretObject[]::new)));
    MountResult again = m.mount(request(a, objects.toArray(SecretObject[]::new)));
    for (int i = 0; i < 12; i++) {
      assertThat(file(again, "s" + i)).isEqualTo("value" + i);
    }
    assertThat(source.described).hasSize(12);
    assertThat(source.fetched).hasSize(12);
  }

  @Test
  void theBoundInBytesEvictsAndEvictedBytesAreZeroed() {
    ValueCache cache =
        new ValueCache(
            ValueCachePolicy.builder()
                .ttl(Duration.ofMinutes(5))
                .maximumBytes(2 * (ValueCachePolicy.ENTRY_OVERHEAD_BYTES + 100))
                .build(),
            ticker);
    IdentityKey id = IdentityKey.of(irsa("app", "web", "web-0"));
    List<ValueCache.Entry> entries = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ValueCache.Key key =
          ValueCache.Key.of(id, REGION, ObjectType.SECRETS_MANAGER, ObjectRequest.of("s" + i));
      entries.add(cache.put(key, value("s" + i, SECRET_MARKER + i)).orElseThrow());
    }
    assertThat(cache.size()).isLessThanOrEqualTo(2);
    long evicted = entries.stream().filter(ValueCache.Entry::isCleared).count();
    assertThat(evicted).isGreaterThanOrEqualTo(3);
    for (ValueCache.Entry e : entries) {
      if (e.isCleared()) {
        assertThat(e.nonZeroBytes()).isZero();
        assertThat(e.value()).isEmpty();
      } else {
        assertThat(e.value().orElseThrow().contents()).isNotEmpty();
      }
    }
  }

  @Test
  void expiryReplacementClearAndCloseZeroTheBytes() {
    SecretMounter m = mounter(ttl(Duration.ofMinutes(5)));
    source.put("s", SECRET_MARKER);
    CallerIdentity a = irsa("app", "web", "web-0");
    m.mount(request(a, sm("s")));
    ValueCache cache = m.pipeline().valueCache();
    ValueCache.Key key =
        ValueCache.Key.of(
            IdentityKey.of(a), REGION, ObjectType.SECRETS_MANAGER, ObjectRequest.of("s"));
    ValueCache.Entry first = cache.get(key).orElseThrow();
    assertThat(first.nonZeroBytes()).isEqualTo(SECRET_MARKER.length());

    ticker.advance(Duration.ofMinutes(5));
    m.mount(request(a, sm("s"))); // expired: read again and replaced
    assertThat(first.isCleared()).isTrue();
    assertThat(first.nonZeroBytes()).isZero();

    ValueCache.Entry second = cache.get(key).orElseThrow();
    m.clearValueCache();
    assertThat(second.nonZeroBytes()).isZero();
    m.mount(request(a, sm("s")));
    ValueCache.Entry third = cache.get(key).orElseThrow();
    m.close();
    assertThat(third.nonZeroBytes()).isZero();
    assertThat(cache.size()).isZero();
  }

  @Test
  void servedValuesAreCopiesTheCacheKeepsItsOwn() {
    SecretMounter m = mounter(ttl(Duration.ofMinutes(5)));
    source.put("s", "one");
    CallerIdentity a = irsa("app", "web", "web-0");
    MountResult first = m.mount(request(a, sm("s")));
    MountedFile f = first.files().get(0);
    java.util.Arrays.fill(f.contents(), (byte) 'x');
    assertThat(file(m.mount(request(a, sm("s"))), "s")).isEqualTo("one");
  }

  @Test
  void keysShowNoTokenAndNeverMatchAcrossIdentities() {
    CallerIdentity a = irsa("app", "web", "web-0");
    ValueCache.Key key =
        ValueCache.Key.of(
            IdentityKey.of(a), REGION, ObjectType.SECRETS_MANAGER, ObjectRequest.of("s"));
    assertThat(key.toString()).doesNotContain(TOKEN_MARKER);
    assertThat(IdentityKey.of(a).toString()).doesNotContain(TOKEN_MARKER);
    assertThat(IdentityKey.of(a)).isEqualTo(IdentityKey.of(irsa("app", "web", "web-1")));
    assertThat(IdentityKey.of(podIdentity("web", "web-0")))
        .isNotEqualTo(IdentityKey.of(podIdentity("web", "web-1")));
    assertThat(IdentityKey.of(a.toBuilder().authMode(AuthMode.POD_IDENTITY).build()))
        .isNotEqualTo(IdentityKey.of(a));
    // Components never run together: "a-b"/"c" and "a"/"b-c" stay apart.
    CallerIdentity x = a.toBuilder().namespace("a-b").serviceAccount("c").build();
    CallerIdentity y = a.toBuilder().namespace("a").serviceAccount("b-c").build();
    assertThat(IdentityKey.of(x)).isNotEqualTo(IdentityKey.of(y));
  }

  @Test
  void theJavadocSampleBuilds() {
    // The sample of ValueCachePolicy's Javadoc and docs/library.md.
    ValueCachePolicy policy =
        ValueCachePolicy.builder()
            .ttl(Duration.ofMinutes(5))
            .pinnedTtl(Duration.ofHours(1))
            .maximumBytes(4 << 20)
            .revalidateAfter(Duration.ZERO)
            .build();
    assertThat(policy.enabled()).isTrue();
    assertThat(policy.revalidateAfter()).contains(Duration.ZERO);
    assertThat(mounter(policy).pipeline().valueCache().policy()).isEqualTo(policy);
  }

  @Test
  void thePolicyValidatesItsSettings() {
    assertThat(ValueCachePolicy.disabled().enabled()).isFalse();
    ValueCachePolicy p = ValueCachePolicy.builder().ttl(Duration.ofMinutes(5)).build();
    assertThat(p.pinnedTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(p.maximumBytes()).isEqualTo(ValueCachePolicy.DEFAULT_MAXIMUM_BYTES);
    assertThat(p.toBuilder().ttl(Duration.ofMinutes(1)).build().pinnedTtl())
        .isEqualTo(Duration.ofMinutes(5));
    assertThatThrownBy(() -> ValueCachePolicy.builder().ttl(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ttl must not be negative");
    assertThatThrownBy(() -> ValueCachePolicy.builder().maximumBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maximumBytes must be positive");
    assertThatThrownBy(
            () ->
                ValueCachePolicy.builder()
                    .ttl(Duration.ofMinutes(1))
                    .revalidateAfter(Duration.ofMinutes(1))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be shorter than ttl");
  }

  private static SecretValue value(String name, String text) {
    return new SecretValue(name, "v1", text.getBytes(StandardCharsets.UTF_8), false);
  }
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static io.ascp.api.ObjectType.SECRETS_MANAGER;
import static io.ascp.api.ObjectType.SSM_PARAMETER;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemorySecretSourceTest {
  static final String MARKER = "M4RK3R-s3cr3t";
  static final String REGION = "us-east-1";
  static final String SECRET_ARN =
      "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/app/db-AbCdEf";

  // ---------------------------------------------------------------- helpers

  static ObjectRequest req(String name) {
    return ObjectRequest.of(name);
  }

  static ObjectRequest byVersion(String name, String version) {
    return new ObjectRequest(name, Optional.of(version), Optional.empty());
  }

  static ObjectRequest byLabel(String name, String label) {
    return new ObjectRequest(name, Optional.empty(), Optional.of(label));
  }

  static List<FetchResult> fetch(
      InMemorySecretSource source, ObjectType type, String region, ObjectRequest... requests) {
    return source.fetch(
        new FetchBatch(type, region, CallerIdentity.defaultChain(), List.of(requests)));
  }

  static SecretValue found(FetchResult result) {
    assertThat(result).isInstanceOf(FetchResult.Found.class);
    return ((FetchResult.Found) result).value();
  }

  static AscpException failed(FetchResult result) {
    assertThat(result).isInstanceOf(FetchResult.Failed.class);
    return ((FetchResult.Failed) result).error();
  }

  static String text(SecretValue value) {
    return new String(value.contents(), UTF_8);
  }

  static SecretValue secret(InMemorySecretSource source, ObjectRequest request) {
    return found(fetch(source, SECRETS_MANAGER, REGION, request).get(0));
  }

  static SecretDescription describe(InMemorySecretSource source, String name, String region) {
    return source
        .describe(new DescribeRequest(region, CallerIdentity.defaultChain(), name))
        .orElseThrow();
  }

  // ---------------------------------------------------------------- the Javadoc example

  @Test
  void theJavadocExampleWorksAsDocumented() {
    InMemorySecretSource source =
        InMemorySecretSource.builder()
            .secret("prod/app/db", "{\"username\":\"demo\",\"password\":\"not-a-real-password\"}")
            .secret(
                "prod/app/api-key",
                s ->
                    s.stringVersion("v1", "demo-key-1")
                        .stringVersion("v2", "demo-key-2")) // v2 is AWSCURRENT, v1 AWSPREVIOUS
            .parameter("/demo/log-level", "info")
            .parameter(
                "/demo/feature",
                p -> p.version("off").version("on", "stable")) // version 2 carries "stable"
            .build();

    assertThat(text(secret(source, req("prod/app/db")))).contains("\"username\":\"demo\"");
    assertThat(secret(source, req("prod/app/api-key")).version()).isEqualTo("v2");
    assertThat(secret(source, byLabel("prod/app/api-key", "AWSPREVIOUS")).version())
        .isEqualTo("v1");
    List<FetchResult> parameters =
        fetch(
            source,
            SSM_PARAMETER,
            REGION,
            req("/demo/log-level"),
            byLabel("/demo/feature", "stable"),
            byVersion("/demo/feature", "1"));
    assertThat(text(found(parameters.get(0)))).isEqualTo("info");
    assertThat(found(parameters.get(1)).version()).isEqualTo("2");
    assertThat(text(found(parameters.get(1)))).isEqualTo("on");
    assertThat(text(found(parameters.get(2)))).isEqualTo("off");
    assertThat(source).hasToString("InMemorySecretSource{secrets=2, parameters=2}");
  }

  // ---------------------------------------------------------------- secrets

  @Test
  void aPlainSecretHasOneCurrentVersionWithAStableGeneratedId() {
    InMemorySecretSource a = InMemorySecretSource.builder().secret("plain", "value-1").build();
    InMemorySecretSource b = InMemorySecretSource.builder().secret("plain", "value-2").build();

    SecretValue value = secret(a, req("plain"));
    assertThat(value.name()).isEqualTo("plain");
    assertThat(text(value)).isEqualTo("value-1");
    assertThat(value.binary()).isFalse();
    assertThat(value.version())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
        .isEqualTo(secret(b, req("plain")).version());
    assertThat(describe(a, "plain", REGION).versionStages())
        .isEqualTo(Map.of(value.version(), Set.of("AWSCURRENT")));
  }

  @Test
  void binarySecretsAreCopiedInAndOut() {
    byte[] bytes = {0, (byte) 0xff, 0x10, 'x'};
    InMemorySecretSource source = InMemorySecretSource.builder().binarySecret("bin", bytes).build();
    bytes[0] = 42;

    SecretValue value = secret(source, req("bin"));
    assertThat(value.binary()).isTrue();
    assertThat(value.contents()).containsExactly(0, 0xff, 0x10, 'x');
    byte[] out = value.contents();
    out[1] = 1;
    assertThat(secret(source, req("bin")).contents()).containsExactly(0, 0xff, 0x10, 'x');

    byte[] versioned = {1, 2, 3};
    InMemorySecretSource withVersion =
        InMemorySecretSource.builder()
            .secret("bin2", s -> s.binaryVersion("b1", versioned))
            .build();
    versioned[0] = 9;
    assertThat(secret(withVersion, req("bin2")).contents()).containsExactly(1, 2, 3);
  }

  @Test
  void addingCurrentVersionsMovesAwsCurrentAndAwsPreviousAsSecretsManagerDoes() {
    InMemorySecretSource source =
        InMemorySecretSource.builder()
            .secret(
                "rotated",
                s ->
                    s.stringVersion("v1", "one")
                        .stringVersion("v2", "two")
                        .stringVersion("v3", "three"))
            .build();

    assertThat(secret(source, req("rotated")).version()).isEqualTo("v3");
    assertThat(secret(source, byLabel("rotated", "AWSCURRENT")).version()).isEqualTo("v3");
    assertThat(secret(source, byLabel("rotated", "AWSPREVIOUS")).version()).isEqualTo("v2");
    assertThat(text(secret(source, byVersion("rotated", "v1")))).isEqualTo("one");
    // v1 lost its stages: DescribeSecret leaves it out.
    assertThat(describe(source, "rotated", REGION).versionStages())
        .isEqualTo(Map.of("v3", Set.of("AWSCURRENT"), "v2", Set.of("AWSPREVIOUS")));
  }

  @Test
  void customStagesMoveToTheNewestVersionThatNamesThem() {
    InMemorySecretSource source =
        InMemorySecretSource.builder()
            .secret(
                "staged",
                s ->
                    s.stringVersion("v1", "one", "AWSCURRENT", "blue")
                        .stringVersion("v2", "two", "green")
                        .stringVersion("v3", "three", "blue", "AWSPENDING")
                        .stringVersion("v4", "four", "AWSCURRENT", "stable"))
            .build();

    assertThat(describe(source, "staged", REGION).versionStages())
        .isEqualTo(
            Map.of(
                "v1", Set.of("AWSPREVIOUS"),
                "v2", Set.of("green"),
                "v3", Set.of("blue", "AWSPENDING"),
                "v4", Set.of("AWSCURRENT", "stable")));
    assertThat(secret(source, byLabel("staged", "blue")).version()).isEqualTo("v3");
    assertThat(secret(source, byLabel("staged", "stable")).version()).isEqualTo("v4");
  }

  @Test
  void withSecretVersionIsACopyWithOneMoreCurrentVersion() {
    InMemorySecretSource source =
        InMemorySecretSource.builder()
            .secret(
                "rotated",
                s ->
                    s.arn(SECRET_ARN.replace("prod/app/db", "rotated"))
                        .stringVersion("v1", "one", "AWSCURRENT", "blue"))
            .secret("other", "unchanged")
            .parameter("/p", "value")
            .build();

    InMemorySecretSource rotated = source.withSecretVersion("rotated", "v2", "two");

    assertThat(text(secret(rotated, req("rotated")))).isEqualTo("two");
    assertThat(describe(rotated, "rotated", REGION).versionStages())
        .isEqualTo(Map.of("v2", Set.of("AWSCURRENT"), "v1", Set.of("AWSPREVIOUS", "blue")));
    assertThat(secret(rotated, req(SECRET_ARN.replace("prod/app/db", "rotated"))).version())
        .isEqualTo("v2");
    assertThat(text(secret(rotated, req("other")))).isEqualTo("unchanged");
    assertThat(text(found(fetch(rotated, SSM_PARAMETER, REGION, req("/p")).get(0))))
        .isEqualTo("value");
    assertThat(rotated).hasToString(source.toString());
    // The original is unchanged.
    assertThat(secret(source, req("rotated")).version()).isEqualTo("v1");
    assertThat(describe(source, "rotated", REGION).versionStages())
        .isEqualTo(Map.of("v1", Set.of("AWSCURRENT", "blue")));
  }

  @Test
  void withSecretVersionRejectsUnknownSecretsAndTakenIdsWithoutShowingValues() {
    InMemorySecretSource source =
        InMemorySecretSource.builder().secret("s", s -> s.stringVersion("v1", "one")).build();
    assertThatThrownBy(() -> source.withSecretVersion("absent", "v2", MARKER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no secret \"absent\" in the store");
    assertThatThrownBy(() -> source.withSecretVersion("s", "v1", MARKER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two versions with id")
        .hasMessageNotContaining(MARKER);
    assertThatThrownBy(() -> source.withSecretVersion("s", "bad id", MARKER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(MARKER);
  }

  @Test
  void aPendingVersionDoesNotBecomeCurrent() {
    InMemorySecretSource source =
        InMemorySecretSource.builder()
            .secret(
                "pending",
                s -> s.stringVersion("v1", "one").stringVersion("v2", "two", "AWSPENDING"))
            .build();
    assertThat(secret(source, req("pending")).version()).isEqualTo("v1");
    assertThat(secret(source, byLabel("pending", "AWSPENDING")).version()).isEqualTo("v2");
  }

  @Test
  void secretsManagerErrorsAreShapedLikeAws() {
    InMemorySecretSource source =
        InMemorySecretSource.builder()
            .secret("s", x -> x.stringVersion("v1", MARKER).stringVersion("v2", MARKER))
            .build();

    List<FetchResult> results =
        fetch(
            source,
            SECRETS_MANAGER,
            REGION,
            req("missing"),
            byVersion("s", "v9"),
            byLabel("s", "nope"),
            new ObjectRequest("s", Optional.of("v1"), Optional.of("AWSCURRENT")),
            new ObjectRequest("s", Optional.of("v1"), Optional.of("AWSPREVIOUS")),
            req("s"));

    assertThat(failed(results.get(0)))
        .hasMessage(
            "us-east-1: Failed fetching secret missing: ResourceNotFoundException: Secrets Manager"
                + " can't find the specified secret.")
        .extracting(AscpException::code)
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failed(results.get(1)))
        .hasMessage(
            "us-east-1: Failed fetching secret s: ResourceNotFoundException: Secrets Manager can't"
                + " find the specified secret value for VersionId: v9")
        .extracting(AscpException::code)
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failed(results.get(2)))
        .hasMessage(
            "us-east-1: Failed fetching secret s: ResourceNotFoundException: Secrets Manager can't"
                + " find the specified secret value for staging label: nope")
        .extracting(AscpException::code)
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failed(results.get(3)))
        .hasMessage(
            "us-east-1: Failed fetching secret s: InvalidRequestException: You provided a"
                + " VersionStage that is not associated to the provided VersionId.")
        .extracting(AscpException::code)
        .isEqualTo(ErrorCode.INVALID_PARAMETERS);
    assertThat(found(results.get(4)).version()).isEqualTo("v1");
    assertThat(found(results.get(5)).version()).isEqualTo("v2");
    for (FetchResult r : results) {
      assertThat(r.toString()).doesNotContain(MARKER);
    }
  }

  @Test
  void resultsKeepRequestOrder() {
    InMemorySecretSource source =
        InMemorySecretSource.builder().secret("a", "A").secret("b", "B").build();
    List<FetchResult> results =
        fetch(source, SECRETS_MANAGER, REGION, req("b"), req("missing"), req("a"), req("b"));
    assertThat(results)
        .extracting(FetchResult::request)
        .extracting(ObjectRequest::name)
        .containsExactly("b", "missing", "a", "b");
    assertThat(text(found(results.get(0)))).isEqualTo("B");
    assertThat(results.get(1)).isInstanceOf(FetchResult.Failed.class);
    assertThat(text(found(results.get(2)))).isEqualTo("A");
  }

  @Test
  void aSecretIsFoundByItsDeclaredArnOnlyInTheArnsRegion() {
    InMemorySecretSource source =
        InMemorySecretSource.builder()
            .secret("prod/app/db", s -> s.arn(SECRET_ARN).stringVersion("v1", "db"))
            .secret("no-arn", "x")
            .build();

    SecretValue value = secret(source, req(SECRET_ARN));
    assertThat(value.name()).isEqualTo("prod/app/db");
    assertThat(text(value)).isEqualTo("db");
    assertThat(failed(fetch(source, SECRETS_MANAGER, "eu-west-1", req(SECRET_ARN)).get(0)))
        .hasMessage(
            "eu-west-1: Failed fetching secret "
                + SECRET_ARN
                + ": ResourceNotFoundException: Secrets Manager can't find the specified secret.");
    assertThat(found(fetch(source, SECRETS_MANAGER, "eu-west-1", req("prod/app/db")).get(0)))
        .extracting(SecretValue::name)
        .isEqualTo("prod/app/db");
    assertThat(
            failed(
                fetch(
                        source,
                        SECRETS_MANAGER,
                        REGION,
                        req("arn:aws:secretsmanager:us-east-1:111122223333:secret:no-arn-AbCdEf"))
                    .get(0)))
        .hasMessageEndingWith(
            "no-arn-AbCdEf: ResourceNotFoundException: Secrets Manager can't find the specified"
                + " secret.");
    assertThat(describe(source, SECRET_ARN, REGION).name()).isEqualTo("prod/app/db");
  }

  @Test
  void regionsLimitAnEntryAndAllowPerRegionContent() {
    InMemorySecretSource source =
        InMemorySecretSource.builder()
            .secret("everywhere", "same")
            .secret("split", s -> s.regions("us-east-1").stringVersion("e1", "east"))
            .secret(
                "split", s -> s.regions("eu-west-1", "eu-central-1").stringVersion("w1", "west"))
            .parameter("/p", p -> p.regions("us-east-1").version("only-east"))
            .build();

    assertThat(text(found(fetch(source, SECRETS_MANAGER, "ap-south-1", req("everywhere")).get(0))))
        .isEqualTo("same");
    assertThat(text(found(fetch(source, SECRETS_MANAGER, "us-east-1", req("split")).get(0))))
        .isEqualTo("east");
    assertThat(text(found(fetch(source, SECRETS_MANAGER, "eu-west-1", req("split")).get(0))))
        .isEqualTo("west");
    assertThat(failed(fetch(source, SECRETS_MANAGER, "ap-south-1", req("split")).get(0)).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failed(fetch(source, SSM_PARAMETER, "eu-west-1", req("/p")).get(0)))
        .hasMessage("400: eu-west-1: invalid parameters: /p");
    assertThatThrownBy(
            () ->
                source.describe(
                    new DescribeRequest("ap-south-1", CallerIdentity.defaultChain(), "split")))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessage(
            "ap-south-1: Failed to describe secret split: ResourceNotFoundException: Secrets"
                + " Manager can't find the specified secret.");
  }

  @Test
  void overlappingEntriesAreRejected() {
    InMemorySecretSource.Builder b =
        InMemorySecretSource.builder().secret("s", x -> x.regions("a-1").stringVersion("v", "x"));
    assertThatThrownBy(() -> b.secret("s", "everywhere"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "duplicate secret \"s\": two entries with the same name or ARN need disjoint regions");
    assertThatThrownBy(() -> b.secret("s", x -> x.regions("b-1", "a-1").stringVersion("v", "x")))
        .isInstanceOf(IllegalArgumentException.class);
    b.secret("s", x -> x.regions("b-1").stringVersion("v", "x"));
    assertThatThrownBy(
            () -> InMemorySecretSource.builder().parameter("/p", "1").parameter("/p", "2"))
        .hasMessageStartingWith("duplicate parameter \"/p\"");
  }

  @Test
  void builderRejectsInvalidSecretsWithoutShowingValues() {
    List<Runnable> bad =
        List.of(
            () -> InMemorySecretSource.builder().secret("has space", MARKER),
            () -> InMemorySecretSource.builder().secret("x".repeat(513), MARKER),
            () -> InMemorySecretSource.builder().secret("s", x -> {}),
            () ->
                InMemorySecretSource.builder()
                    .secret("s", x -> x.stringVersion("v", MARKER, "AWSPENDING")),
            () ->
                InMemorySecretSource.builder()
                    .secret("s", x -> x.stringVersion("v", MARKER).stringVersion("v", MARKER)),
            () ->
                InMemorySecretSource.builder().secret("s", x -> x.stringVersion("bad id", MARKER)),
            () ->
                InMemorySecretSource.builder()
                    .secret("s", x -> x.stringVersion("v", MARKER, "AWSCURRENT", "AWSPREVIOUS")),
            () ->
                InMemorySecretSource.builder()
                    .secret("s", x -> x.stringVersion("v", MARKER, "two words")),
            () ->
                InMemorySecretSource.builder()
                    .secret("s", x -> x.stringVersion("v", MARKER, "dup", "dup")),
            () ->
                InMemorySecretSource.builder()
                    .secret("s", x -> x.regions().stringVersion("v", MARKER)),
            () ->
                InMemorySecretSource.builder()
                    .secret("s", x -> x.regions("US-EAST-1").stringVersion("v", MARKER)),
            () ->
                InMemorySecretSource.builder()
                    .secret("s", x -> x.regions("a-1", "a-1").stringVersion("v", MARKER)),
            () ->
                InMemorySecretSource.builder()
                    .secret(
                        "s",
                        x ->
                            x.arn(
                                    "arn:aws:secretsmanager:us-east-1:111122223333:secret:other-AbCdEf")
                                .stringVersion("v", MARKER)),
            () ->
                InMemorySecretSource.builder()
                    .secret(
                        "s",
                        x ->
                            x.arn("arn:aws:secretsmanager:us-east-1:111122223333:secret:s")
                                .stringVersion("v", MARKER)),
            () ->
                InMemorySecretSource.builder()
                    .secret(
                        "s",
                        x ->
                            x.arn("arn:aws:ssm:us-east-1:111122223333:parameter/s")
                                .stringVersion("v", MARKER)),
            () ->
                InMemorySecretSource.builder()
                    .secret(
                        "s",
                        x ->
                            x.regions("eu-west-1")
                                .arn(
                                    "arn:aws:secretsmanager:us-east-1:111122223333:secret:s-AbCdEf")
                                .stringVersion("v", MARKER)));
    for (Runnable r : bad) {
      IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, r::run);
      assertThat(e).isNotNull();
      assertThat(e.getMessage()).doesNotContain(MARKER);
    }
  }

  // ---------------------------------------------------------------- parameters

  @Test
  void parametersHaveNumberedVersionsAndMovingLabels() {
    InMemorySecretSource source =
        InMemorySecretSource.builder()
            .parameter(
                "/app/flag",
                p -> p.version("one", "stable", "blue").version("two").version("three", "stable"))
            .build();

    List<FetchResult> r =
        fetch(
            source,
            SSM_PARAMETER,
            REGION,
            req("/app/flag"),
            byVersion("/app/flag", "1"),
            byVersion("/app/flag", "02"),
            byLabel("/app/flag", "stable"),
            byLabel("/app/flag", "blue"),
            new ObjectRequest("/app/flag", Optional.of("2"), Optional.of("blue")),
            byVersion("/app/flag", "blue"));
    assertThat(r)
        .map(x -> text(found(x)))
        .containsExactly("three", "one", "two", "three", "one", "two", "one");
    assertThat(r).map(x -> found(x).version()).containsExactly("3", "1", "2", "3", "1", "2", "1");
    assertThat(found(r.get(0)).name()).isEqualTo("/app/flag");
    assertThat(found(r.get(0)).binary()).isFalse();
  }

  @Test
  void missingParametersFailWithTheReferenceInvalidParametersMessage() {
    InMemorySecretSource source =
        InMemorySecretSource.builder()
            .parameter("/a", p -> p.version(MARKER).version(MARKER, "lbl"))
            .parameter("b", MARKER)
            .build();

    List<FetchResult> r =
        fetch(
            source,
            SSM_PARAMETER,
            "eu-west-1",
            req("/missing"),
            req("/a"),
            byVersion("/a", "3"),
            byLabel("/a", "nolabel"),
            req("/missing"),
            byVersion("/a", "0"),
            byVersion("/a", "99999999999999999999"),
            req("b"));

    String message =
        "400: eu-west-1: invalid parameters: /missing, /a:3, /a:nolabel, /a:0,"
            + " /a:99999999999999999999";
    for (int i : new int[] {0, 2, 3, 4, 5, 6}) {
      assertThat(failed(r.get(i))).hasMessage(message);
      assertThat(failed(r.get(i)).code()).isEqualTo(ErrorCode.NOT_FOUND);
    }
    assertThat(found(r.get(1)).version()).isEqualTo("2");
    assertThat(found(r.get(7)).name()).isEqualTo("b");
  }

  @Test
  void parametersAreFoundByTheirArnInItsRegion() {
    String arn = "arn:aws:ssm:us-east-1:111122223333:parameter/app/p";
    InMemorySecretSource source =
        InMemorySecretSource.builder().parameter("/app/p", p -> p.arn(arn).version("v")).build();
    SecretValue value = found(fetch(source, SSM_PARAMETER, REGION, req(arn)).get(0));
    assertThat(value.name()).isEqualTo("/app/p");
    assertThat(failed(fetch(source, SSM_PARAMETER, "us-west-2", req(arn)).get(0)))
        .hasMessage("400: us-west-2: invalid parameters: " + arn);
    assertThatThrownBy(
            () ->
                InMemorySecretSource.builder()
                    .parameter(
                        "/app/p",
                        p -> p.arn("arn:aws:ssm:us-east-1:111122223333:parameter/app/other")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secretsAndParametersAreSeparateNamespaces() {
    InMemorySecretSource source =
        InMemorySecretSource.builder()
            .secret("shared", "secret")
            .parameter("shared", "param")
            .build();
    assertThat(text(found(fetch(source, SECRETS_MANAGER, REGION, req("shared")).get(0))))
        .isEqualTo("secret");
    assertThat(text(found(fetch(source, SSM_PARAMETER, REGION, req("shared")).get(0))))
        .isEqualTo("param");
    InMemorySecretSource onlyParameter =
        InMemorySecretSource.builder().parameter("only", "p").build();
    assertThat(failed(fetch(onlyParameter, SECRETS_MANAGER, REGION, req("only")).get(0)).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void builderRejectsInvalidParametersWithoutShowingValues() {
    List<Runnable> bad =
        List.of(
            () -> InMemorySecretSource.builder().parameter("a/b", MARKER),
            () -> InMemorySecretSource.builder().parameter("/aws/x", MARKER),
            () -> InMemorySecretSource.builder().parameter("SSM-x", MARKER),
            () -> InMemorySecretSource.builder().parameter("has space", MARKER),
            () -> InMemorySecretSource.builder().parameter("/p", ""),
            () -> InMemorySecretSource.builder().parameter("/p", p -> {}),
            () -> InMemorySecretSource.builder().parameter("/p", p -> p.version(MARKER, "1abc")),
            () -> InMemorySecretSource.builder().parameter("/p", p -> p.version(MARKER, "AwsX")),
            () -> InMemorySecretSource.builder().parameter("/p", p -> p.version(MARKER, "a b")),
            () -> InMemorySecretSource.builder().parameter("/p", p -> p.version(MARKER, "l", "l")),
            () ->
                InMemorySecretSource.builder()
                    .parameter(
                        "/p",
                        p ->
                            p.version(
                                MARKER, "l1", "l2", "l3", "l4", "l5", "l6", "l7", "l8", "l9", "l10",
                                "l11")));
    for (Runnable r : bad) {
      IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, r::run);
      assertThat(e).isNotNull();
      assertThat(e.getMessage()).doesNotContain(MARKER);
    }
  }

  // ---------------------------------------------------------------- safety

  @Test
  void toStringShowsCountsOnly() {
    InMemorySecretSource source =
        InMemorySecretSource.builder()
            .secret("s", MARKER)
            .binarySecret("b", MARKER.getBytes(UTF_8))
            .parameter("/p", MARKER)
            .build();
    assertThat(source.toString())
        .isEqualTo("InMemorySecretSource{secrets=2, parameters=1}")
        .doesNotContain(MARKER);
    for (FetchResult r :
        fetch(source, SECRETS_MANAGER, REGION, req("s"), req("b"), req("missing"))) {
      assertThat(r.toString()).doesNotContain(MARKER);
    }
  }

  @Test
  void laterBuilderChangesDoNotAffectABuiltSource() {
    InMemorySecretSource.Builder builder = InMemorySecretSource.builder().secret("a", "1");
    InMemorySecretSource first = builder.build();
    builder.secret("b", "2");
    assertThat(first).hasToString("InMemorySecretSource{secrets=1, parameters=0}");
    assertThat(failed(fetch(first, SECRETS_MANAGER, REGION, req("b")).get(0)).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(builder.build()).hasToString("InMemorySecretSource{secrets=2, parameters=0}");
  }

  @Test
  void concurrentFetchesSeeTheSameValues() throws Exception {
    InMemorySecretSource.Builder builder = InMemorySecretSource.builder();
    for (int i = 0; i < 50; i++) {
      builder.secret("s" + i, "v" + i).parameter("/p" + i, "w" + i);
    }
    InMemorySecretSource source = builder.build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(
            pool.submit(
                () -> {
                  List<String> seen = new ArrayList<>();
                  for (int i = 0; i < 50; i++) {
                    seen.add(text(secret(source, req("s" + i))));
                    seen.add(
                        text(found(fetch(source, SSM_PARAMETER, REGION, req("/p" + i)).get(0))));
                  }
                  return seen;
                }));
      }
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        expected.add("v" + i);
        expected.add("w" + i);
      }
      for (Future<List<String>> f : futures) {
        assertThat(f.get(1, TimeUnit.MINUTES)).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

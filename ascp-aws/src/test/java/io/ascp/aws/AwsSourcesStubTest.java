// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AuthMode;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.ObjectType;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.ObjectRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;

/**
 * {@link AwsSources} with the real SDK clients over an in-memory HTTP client: credentials per
 * identity, caching, endpoint resolution, retries, User-Agent, ownership. Nothing leaves the JVM.
 */
class AwsSourcesStubTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final String ROLE = "arn:aws:iam::123456789012:role/app";
  static final URI UNUSED_ENDPOINT = URI.create("http://127.0.0.1:9");
  static final Pattern WEB_IDENTITY_TOKEN = Pattern.compile("WebIdentityToken=([^&]*)");

  final MutableClock clock = new MutableClock(NOW);
  final AtomicInteger stsCalls = new AtomicInteger();
  final Map<String, String> credentialsByToken = new java.util.concurrent.ConcurrentHashMap<>();
  @Nullable AwsSources sources;

  @AfterEach
  void close() {
    if (sources != null) {
      sources.close();
    }
    System.clearProperty("aws.endpointUrlSts");
    System.clearProperty("aws.useFipsEndpoint");
    System.clearProperty("aws.ignoreConfiguredEndpointUrls");
    System.clearProperty("aws.maxAttempts");
    System.clearProperty("aws.retryMode");
  }

  /** Answers STS with credentials valid for an hour and Secrets Manager with a value. */
  StubHttpClient.Response aws(StubHttpClient.Request r) {
    String target = r.request().firstMatchingHeader("X-Amz-Target").orElse("");
    if (r.body().contains("Action=AssumeRoleWithWebIdentity")) {
      int n = stsCalls.incrementAndGet();
      Matcher m = WEB_IDENTITY_TOKEN.matcher(r.body());
      credentialsByToken.put(m.find() ? m.group(1) : "", "ASIASTS" + n);
      return StubHttpClient.Response.xml(200, stsResponse("ASIASTS" + n, NOW.plusSeconds(3600)));
    }
    if (target.endsWith("GetSecretValue")) {
      return StubHttpClient.Response.json(
          200,
          "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:s-AbCdEf\","
              + "\"Name\":\"s\",\"VersionId\":\"v1\",\"SecretString\":\"value\"}");
    }
    return StubHttpClient.Response.json(400, "{\"__type\":\"UnknownOperationException\"}");
  }

  static String stsResponse(String akid, Instant expiration) {
    return "<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
        + "<AssumeRoleWithWebIdentityResult><Credentials>"
        + "<AccessKeyId>"
        + akid
        + "</AccessKeyId><SecretAccessKey>secret-"
        + akid
        + "</SecretAccessKey><SessionToken>session-"
        + akid
        + "</SessionToken><Expiration>"
        + expiration
        + "</Expiration></Credentials></AssumeRoleWithWebIdentityResult>"
        + "<ResponseMetadata><RequestId>sts-req</RequestId></ResponseMetadata>"
        + "</AssumeRoleWithWebIdentityResponse>";
  }

  AwsSources build(StubHttpClient http, AwsSourcesConfig config) {
    sources =
        AwsSources.builder()
            .config(config)
            .httpClient(http)
            .clock(clock)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIADEFAULT", "s")))
            .build();
    return sources;
  }

  AwsSources build(StubHttpClient http) {
    return build(http, AwsSourcesConfig.builder().endpoint(UNUSED_ENDPOINT).build());
  }

  static CallerIdentity irsa(String ns, String sa, Instant tokenExpiry) {
    return CallerIdentity.builder()
        .namespace(ns)
        .serviceAccount(sa)
        .podName(sa + "-pod")
        .podUid(sa + "-uid")
        .authMode(AuthMode.IRSA)
        .roleArn(ROLE)
        .token(CallerIdentity.STS_AUDIENCE, TestTokens.token(ns, sa, tokenExpiry))
        .build();
  }

  static FetchBatch batch(String region, CallerIdentity identity, String... names) {
    return new FetchBatch(
        ObjectType.SECRETS_MANAGER,
        region,
        identity,
        java.util.Arrays.stream(names).map(ObjectRequest::of).toList());
  }

  static List<String> accessKeys(StubHttpClient http, String operation) {
    return http.requests().stream()
        .filter(r -> r.request().firstMatchingHeader("X-Amz-Target").orElse("").endsWith(operation))
        .map(
            r -> {
              Matcher m =
                  Pattern.compile("Credential=([^/]+)/")
                      .matcher(r.request().firstMatchingHeader("Authorization").orElse(""));
              return m.find() ? m.group(1) : "";
            })
        .toList();
  }

  @Test
  void oneStsCallServesManyBatchesOfOneIdentity() {
    StubHttpClient http = new StubHttpClient(this::aws);
    AwsSources aws = build(http);
    CallerIdentity id = irsa("ns", "app", NOW.plusSeconds(600));
    for (int i = 0; i < 5; i++) {
      List<FetchResult> r = aws.secretsManager().fetch(batch("us-east-1", id, "s", "t"));
      assertThat(r).allMatch(x -> x instanceof FetchResult.Found);
    }
    assertThat(stsCalls).hasValue(1);
    assertThat(accessKeys(http, "GetSecretValue")).hasSize(10).containsOnly("ASIASTS1");
    String stsBody =
        http.requests().stream()
            .map(StubHttpClient.Request::body)
            .filter(b -> b.contains("AssumeRoleWithWebIdentity"))
            .findFirst()
            .orElseThrow();
    assertThat(stsBody)
        .contains("RoleSessionName=ascp-ns.app")
        .contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fapp");
  }

  @Test
  void twoIdentitiesNeverShareCredentials() {
    StubHttpClient http = new StubHttpClient(this::aws);
    AwsSources aws = build(http);
    CallerIdentity a = irsa("ns", "a", NOW.plusSeconds(600));
    CallerIdentity b = irsa("ns", "b", NOW.plusSeconds(600));
    aws.secretsManager().fetch(batch("us-east-1", a, "s"));
    aws.secretsManager().fetch(batch("us-east-1", b, "s"));
    aws.secretsManager().fetch(batch("us-east-1", a, "s"));
    aws.secretsManager().fetch(batch("us-east-1", b, "s"));
    assertThat(stsCalls).hasValue(2);
    String akidA =
        credentialsByToken.get(a.token(CallerIdentity.STS_AUDIENCE).orElseThrow().token());
    String akidB =
        credentialsByToken.get(b.token(CallerIdentity.STS_AUDIENCE).orElseThrow().token());
    assertThat(akidA).isNotEqualTo(akidB);
    assertThat(accessKeys(http, "GetSecretValue")).containsExactly(akidA, akidB, akidA, akidB);
  }

  @Test
  void eachRegionAssumesTheRoleInItsOwnRegion() {
    StubHttpClient http = new StubHttpClient(this::aws);
    AwsSources aws = build(http);
    CallerIdentity id = irsa("ns", "app", NOW.plusSeconds(600));
    aws.secretsManager().fetch(batch("us-east-1", id, "s"));
    aws.secretsManager().fetch(batch("eu-west-1", id, "s"));
    aws.secretsManager().fetch(batch("eu-west-1", id, "s"));
    assertThat(stsCalls).hasValue(2);
  }

  @Test
  void anExpiredTokenIsNeverServedFromTheCache() {
    StubHttpClient http = new StubHttpClient(this::aws);
    AwsSources aws = build(http);
    CallerIdentity id = irsa("ns", "app", NOW.plusSeconds(600));
    aws.secretsManager().fetch(batch("us-east-1", id, "s"));
    clock.advance(Duration.ofSeconds(601));
    aws.secretsManager().fetch(batch("us-east-1", id, "s"));
    assertThat(stsCalls)
        .as("the credentials are still fresh, but the token expired: STS decides")
        .hasValue(2);
  }

  @Test
  void anotherTokenOfTheSameServiceAccountIsExchangedItself() {
    StubHttpClient http = new StubHttpClient(this::aws);
    AwsSources aws = build(http);
    aws.secretsManager().fetch(batch("us-east-1", irsa("ns", "app", NOW.plusSeconds(600)), "s"));
    aws.secretsManager().fetch(batch("us-east-1", irsa("ns", "app", NOW.plusSeconds(900)), "s"));
    aws.secretsManager().fetch(batch("us-east-1", irsa("ns", "app", NOW.plusSeconds(600)), "s"));
    assertThat(stsCalls).as("a cache hit needs the very token STS accepted").hasValue(2);
  }

  @Test
  void cachedCredentialsAreReplacedShortlyBeforeTheyExpire() {
    StubHttpClient http = new StubHttpClient(this::aws);
    AwsSources aws = build(http);
    aws.secretsManager().fetch(batch("us-east-1", irsa("ns", "app", NOW.plusSeconds(7200)), "s"));
    clock.advance(Duration.ofMinutes(56));
    aws.secretsManager().fetch(batch("us-east-1", irsa("ns", "app", NOW.plusSeconds(7200)), "s"));
    assertThat(stsCalls).hasValue(2);
  }

  @Test
  void aRejectedTokenFailsEveryObjectWithCredentialsAndNoToken() {
    StubHttpClient http =
        new StubHttpClient(
            r ->
                StubHttpClient.Response.xml(
                    400,
                    "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code>"
                        + "<Message>Incorrect token audience</Message></Error>"
                        + "<RequestId>sts-req-9</RequestId></ErrorResponse>"));
    AwsSources aws = build(http);
    List<FetchResult> r =
        aws.secretsManager()
            .fetch(batch("us-east-1", irsa("ns", "app", NOW.plusSeconds(600)), "a", "b"));
    assertThat(r).hasSize(2);
    FetchResult.Failed first = (FetchResult.Failed) r.get(0);
    assertThat(first.error().code()).isEqualTo(ErrorCode.CREDENTIALS);
    assertThat(first.error().getMessage())
        .isEqualTo(
            "us-east-1: Failed fetching secret a: failed to assume role "
                + ROLE
                + " with web identity: InvalidIdentityToken: Incorrect token audience"
                + " (Service: Sts, Status Code: 400, Request ID: sts-req-9)");
    assertThat(((FetchResult.Failed) r.get(1)).error().getMessage())
        .startsWith("us-east-1: Failed fetching secret b: ");
    assertThat(first.error().toString()).doesNotContain(TestTokens.MARKER);
  }

  @Test
  void missingRoleOrTokenFailsWithTheReferenceTexts() {
    StubHttpClient http = new StubHttpClient(this::aws);
    AwsSources aws = build(http);
    CallerIdentity noRole =
        CallerIdentity.builder()
            .namespace("ns")
            .serviceAccount("app")
            .authMode(AuthMode.IRSA)
            .token(CallerIdentity.STS_AUDIENCE, TestTokens.token("ns", "app", NOW.plusSeconds(60)))
            .build();
    FetchResult.Failed f =
        (FetchResult.Failed) aws.secretsManager().fetch(batch("us-east-1", noRole, "s")).get(0);
    assertThat(f.error().getMessage())
        .isEqualTo(
            "us-east-1: Failed fetching secret s: An IAM role must be associated with service"
                + " account app (namespace: ns)");
    CallerIdentity noToken = CallerIdentity.builder().authMode(AuthMode.POD_IDENTITY).build();
    FetchResult.Failed g =
        (FetchResult.Failed) aws.secretsManager().fetch(batch("us-east-1", noToken, "s")).get(0);
    assertThat(g.error().code()).isEqualTo(ErrorCode.CREDENTIALS);
    assertThat(g.error().getMessage())
        .endsWith(
            "Pod Identity token extraction failed: token for audience \"pods.eks.amazonaws.com\""
                + " not found - ensure tokenRequests includes this audience in CSIDriver");
    assertThat(http.requests()).isEmpty();
  }

  @Test
  void theDefaultChainUsesTheGivenProvider() {
    StubHttpClient http = new StubHttpClient(this::aws);
    AwsSources aws = build(http);
    aws.secretsManager().fetch(batch("us-east-1", CallerIdentity.defaultChain(), "s"));
    assertThat(accessKeys(http, "GetSecretValue")).containsExactly("AKIADEFAULT");
  }

  @Test
  void theStsClientHonoursTheEndpointUrlSettings() {
    System.setProperty("aws.endpointUrlSts", "http://127.0.0.1:4599");
    StubHttpClient http = new StubHttpClient(this::aws);
    AwsSources aws =
        build(
            http,
            AwsSourcesConfig.builder()
                .secretsManagerEndpoint(UNUSED_ENDPOINT)
                .ssmEndpoint(UNUSED_ENDPOINT)
                .build());
    aws.secretsManager().fetch(batch("us-east-1", irsa("ns", "app", NOW.plusSeconds(600)), "s"));
    assertThat(hostsOf(http, "AssumeRoleWithWebIdentity")).containsExactly("127.0.0.1:4599");
  }

  @Test
  void theStsClientHonoursFips() {
    System.setProperty("aws.useFipsEndpoint", "true");
    // The test JVM sets AWS_ENDPOINT_URL to a discard port; FIPS applies when no URL is set.
    System.setProperty("aws.ignoreConfiguredEndpointUrls", "true");
    StubHttpClient http = new StubHttpClient(this::aws);
    AwsSources aws =
        build(http, AwsSourcesConfig.builder().secretsManagerEndpoint(UNUSED_ENDPOINT).build());
    aws.secretsManager().fetch(batch("us-east-2", irsa("ns", "app", NOW.plusSeconds(600)), "s"));
    assertThat(hostsOf(http, "AssumeRoleWithWebIdentity"))
        .containsExactly("sts-fips.us-east-2.amazonaws.com");
  }

  List<String> hostsOf(StubHttpClient http, String action) {
    return http.requests().stream()
        .filter(r -> r.body().contains("Action=" + action))
        .map(
            r ->
                r.request().host()
                    + (r.request().port() == 80 || r.request().port() == 443
                        ? ""
                        : ":" + r.request().port()))
        .toList();
  }

  @Test
  void everyCallCarriesTheAppId() {
    StubHttpClient http = new StubHttpClient(this::aws);
    AwsSources aws =
        build(
            http,
            AwsSourcesConfig.builder()
                .endpoint(UNUSED_ENDPOINT)
                .runtimeName("secrets-store-csi-driver-provider-aws")
                .eksAddonVersion("v1.2.3-eksbuild.1")
                .build());
    aws.secretsManager().fetch(batch("us-east-1", irsa("ns", "app", NOW.plusSeconds(600)), "s"));
    assertThat(http.requests()).hasSize(2);
    assertThat(http.requests())
        .allSatisfy(
            r ->
                assertThat(r.request().firstMatchingHeader("User-Agent").orElse(""))
                    .contains("app/secrets-store-csi-driver-provider-aws-v1.2.3-eksbuild.1"));
  }

  int attemptsOfAFailingCall() {
    AtomicInteger attempts = new AtomicInteger();
    StubHttpClient http =
        new StubHttpClient(
            r -> {
              attempts.incrementAndGet();
              return StubHttpClient.Response.json(
                  500, "{\"__type\":\"InternalServiceError\",\"message\":\"boom\"}");
            });
    AwsSources aws = build(http);
    FetchResult.Failed f =
        (FetchResult.Failed)
            aws.secretsManager()
                .fetch(batch("us-east-1", CallerIdentity.defaultChain(), "s"))
                .get(0);
    assertThat(f.error().code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
    assertThat(f.error().isRetryable()).isTrue();
    return attempts.get();
  }

  @Test
  void retriesFollowTheStandardModeUnlessTheUserSaysOtherwise() {
    assertThat(attemptsOfAFailingCall()).isEqualTo(3);
    close();
    System.setProperty("aws.maxAttempts", "2");
    assertThat(attemptsOfAFailingCall()).isEqualTo(2);
  }

  @Test
  void theUsersMaxAttemptsAloneKeepTheStandardMode() {
    // Without a mode of ours the SDK would fall back to its legacy mode (4 attempts by default).
    System.setProperty("aws.maxAttempts", "5");
    assertThat(attemptsOfAFailingCall()).isEqualTo(5);
    try (AwsClients clients =
        new AwsClients(AwsSourcesConfig.defaults(), new StubHttpClient(this::aws), false)) {
      assertThat(clients.retryMode()).isEqualTo(RetryMode.STANDARD);
    }
  }

  @Test
  void theUsersRetryModeReplacesOurs() {
    System.setProperty("aws.retryMode", "legacy");
    assertThat(attemptsOfAFailingCall()).isEqualTo(4);
    try (AwsClients clients =
        new AwsClients(AwsSourcesConfig.defaults(), new StubHttpClient(this::aws), false)) {
      assertThat(clients.retryMode()).isEqualTo(RetryMode.LEGACY);
    }
  }

  @Test
  void closingKeepsWhatWasGivenAndStopsTheSources() {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      StubHttpClient http = new StubHttpClient(this::aws);
      AwsSources aws =
          AwsSources.builder()
              .config(AwsSourcesConfig.builder().endpoint(UNUSED_ENDPOINT).build())
              .httpClient(http)
              .executor(executor)
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("A", "B")))
              .build();
      aws.secretsManager().fetch(batch("us-east-1", CallerIdentity.defaultChain(), "s", "t"));
      aws.close();
      aws.close();
      assertThat(executor.isShutdown()).isFalse();
      assertThatThrownBy(
              () ->
                  aws.secretsManager()
                      .fetch(batch("us-east-1", CallerIdentity.defaultChain(), "s")))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(
              () ->
                  aws.parameterStore()
                      .fetch(
                          new FetchBatch(
                              ObjectType.SSM_PARAMETER,
                              "us-east-1",
                              CallerIdentity.defaultChain(),
                              List.of(ObjectRequest.of("p")))))
          .isInstanceOf(IllegalStateException.class);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void aSourceRejectsBatchesOfTheOtherType() {
    AwsSources aws = build(new StubHttpClient(this::aws));
    assertThat(aws.source(ObjectType.SECRETS_MANAGER)).isSameAs(aws.secretsManager());
    assertThat(aws.source(ObjectType.SSM_PARAMETER)).isSameAs(aws.parameterStore());
    assertThatThrownBy(
            () ->
                aws.parameterStore().fetch(batch("us-east-1", CallerIdentity.defaultChain(), "s")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unexpectedParameterNamesAreIgnoredAndArnsMatch() {
    Function<StubHttpClient.Request, StubHttpClient.Response> ssm =
        r ->
            StubHttpClient.Response.json(
                200,
                "{\"Parameters\":["
                    + "{\"Name\":\"/surprise\",\"Value\":\"x\",\"Version\":1,"
                    + "\"ARN\":\"arn:aws:ssm:us-east-1:123456789012:parameter/surprise\"},"
                    + "{\"Name\":\"renamed\",\"Value\":\"by-arn\",\"Version\":7,"
                    + "\"ARN\":\"arn:aws:ssm:us-east-1:123456789012:parameter/app/b\"}"
                    + "],\"InvalidParameters\":[]}");
    AwsSources aws = build(new StubHttpClient(ssm));
    List<FetchResult> r =
        aws.parameterStore()
            .fetch(
                new FetchBatch(
                    ObjectType.SSM_PARAMETER,
                    "us-east-1",
                    CallerIdentity.defaultChain(),
                    List.of(ObjectRequest.of("/app/a"), ObjectRequest.of("/app/b"))));
    assertThat(r.get(0)).isInstanceOf(FetchResult.Failed.class);
    assertThat(((FetchResult.Failed) r.get(0)).error().getMessage())
        .isEqualTo("400: us-east-1: invalid parameters: /app/a");
    assertThat(((FetchResult.Found) r.get(1)).value().version()).isEqualTo("7");
    assertThat(((FetchResult.Found) r.get(1)).value().contents())
        .isEqualTo("by-arn".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(Optional.of(r.get(1).request())).contains(ObjectRequest.of("/app/b"));
  }

  static FetchBatch parameters(CallerIdentity identity, String... names) {
    return new FetchBatch(
        ObjectType.SSM_PARAMETER,
        "us-east-1",
        identity,
        java.util.Arrays.stream(names).map(ObjectRequest::of).toList());
  }

  @Test
  void accessDeniedNamesTheCallerAndFailsEveryObjectOfTheCall() {
    StubHttpClient http =
        new StubHttpClient(
            r ->
                r.body().contains("AssumeRoleWithWebIdentity")
                    ? aws(r)
                    : StubHttpClient.Response.json(
                        400,
                        "{\"__type\":\"AccessDeniedException\",\"message\":\"User: x is not"
                            + " authorized to perform: ssm:GetParameters\"}"));
    AwsSources aws = build(http);
    List<FetchResult> r =
        aws.parameterStore().fetch(parameters(irsa("ns", "app", NOW.plusSeconds(600)), "/a", "/b"));
    assertThat(r)
        .allSatisfy(
            x -> {
              FetchResult.Failed f = (FetchResult.Failed) x;
              assertThat(f.error().code()).isEqualTo(ErrorCode.ACCESS_DENIED);
              assertThat(f.error().getMessage())
                  .startsWith(
                      "us-east-1: Failed fetching parameters: AccessDeniedException: User: x is not"
                          + " authorized to perform: ssm:GetParameters (Service: Ssm, Status Code:"
                          + " 400, Request ID: stub-request-id)")
                  .endsWith("(caller: IRSA role " + ROLE + " for service account ns/app)");
            });
  }

  @Test
  void throttlingIsRetriedByTheSdkThenReportedAsThrottled() {
    AtomicInteger attempts = new AtomicInteger();
    StubHttpClient http =
        new StubHttpClient(
            r -> {
              attempts.incrementAndGet();
              return StubHttpClient.Response.json(
                  400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
            });
    AwsSources aws = build(http);
    FetchResult.Failed f =
        (FetchResult.Failed)
            aws.secretsManager()
                .fetch(batch("us-east-1", CallerIdentity.defaultChain(), "s"))
                .get(0);
    assertThat(f.error().code()).isEqualTo(ErrorCode.THROTTLED);
    assertThat(f.error().getMessage())
        .startsWith("us-east-1: Failed fetching secret s: ThrottlingException: Rate exceeded");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void aFailedBatchGetSecretValueFallsBackToOneCallPerObject() {
    StubHttpClient http =
        new StubHttpClient(
            r ->
                r.request()
                        .firstMatchingHeader("X-Amz-Target")
                        .orElse("")
                        .endsWith("BatchGetSecretValue")
                    ? StubHttpClient.Response.json(
                        400, "{\"__type\":\"AccessDeniedException\",\"message\":\"not allowed\"}")
                    : aws(r));
    AwsSources aws =
        build(
            http,
            AwsSourcesConfig.builder().endpoint(UNUSED_ENDPOINT).batchGetSecretValue(true).build());
    List<FetchResult> r =
        aws.secretsManager()
            .fetch(batch("us-east-1", CallerIdentity.defaultChain(), "a", "b", "c"));
    assertThat(r).allMatch(x -> x instanceof FetchResult.Found);
    assertThat(accessKeys(http, "BatchGetSecretValue")).hasSize(1);
    assertThat(accessKeys(http, ".GetSecretValue")).hasSize(3);
  }

  @Test
  void aFailingDefaultChainIsACredentialsError() {
    sources =
        AwsSources.builder()
            .config(AwsSourcesConfig.builder().endpoint(UNUSED_ENDPOINT).build())
            .httpClient(new StubHttpClient(this::aws))
            .credentialsProvider(
                () -> {
                  throw software.amazon.awssdk.core.exception.SdkClientException.create(
                      "Unable to load credentials from any of the providers in the chain");
                })
            .build();
    FetchResult.Failed f =
        (FetchResult.Failed)
            sources
                .secretsManager()
                .fetch(batch("us-east-1", CallerIdentity.defaultChain(), "s"))
                .get(0);
    assertThat(f.error().code()).isEqualTo(ErrorCode.CREDENTIALS);
    assertThat(f.error().getMessage())
        .isEqualTo(
            "us-east-1: Failed fetching secret s: failed to get credentials from the default"
                + " provider chain: Unable to load credentials from any of the providers in the"
                + " chain");
  }

  @Test
  void anStsOutageIsRetryableSoThatFailoverCanHelp() {
    StubHttpClient http =
        new StubHttpClient(
            r ->
                StubHttpClient.Response.xml(
                    503,
                    "<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code>"
                        + "<Message>down</Message></Error><RequestId>r</RequestId></ErrorResponse>"));
    AwsSources aws = build(http);
    FetchResult.Failed f =
        (FetchResult.Failed)
            aws.secretsManager()
                .fetch(batch("us-east-1", irsa("ns", "app", NOW.plusSeconds(600)), "s"))
                .get(0);
    assertThat(f.error().code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
    assertThat(f.error().isRetryable()).isTrue();
  }

  @Test
  void identitiesThatCannotBeToldApartAreNeverCached() {
    StubHttpClient http = new StubHttpClient(this::aws);
    AwsSources aws = build(http);
    CallerIdentity anonymous =
        CallerIdentity.builder()
            .authMode(AuthMode.IRSA)
            .roleArn(ROLE)
            .token(CallerIdentity.STS_AUDIENCE, TestTokens.token("", "", NOW.plusSeconds(600)))
            .build();
    aws.secretsManager().fetch(batch("us-east-1", anonymous, "s"));
    aws.secretsManager().fetch(batch("us-east-1", anonymous, "s"));
    assertThat(stsCalls).hasValue(2);
  }

  @Test
  void aResponseWithoutVersionIdFailsTheObjectInsteadOfCrashing() {
    StubHttpClient http =
        new StubHttpClient(
            r -> StubHttpClient.Response.json(200, "{\"Name\":\"s\",\"SecretString\":\"x\"}"));
    AwsSources aws = build(http);
    FetchResult.Failed f =
        (FetchResult.Failed)
            aws.secretsManager()
                .fetch(batch("us-east-1", CallerIdentity.defaultChain(), "s"))
                .get(0);
    assertThat(f.error().code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
    assertThat(f.error().getMessage())
        .isEqualTo("us-east-1: Failed fetching secret s: the response has no VersionId");
  }

  @Test
  void batchEntriesMatchNamesArnsAndPartialArns() {
    String arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-AbCdEf";
    software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry entry =
        software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry.builder()
            .name("app/db")
            .arn(arn)
            .build();
    assertThat(SecretsManagerSource.matchIds(List.of("x", "app/db"), entry))
        .containsExactly("app/db");
    assertThat(SecretsManagerSource.matchIds(List.of(arn), entry)).containsExactly(arn);
    String partial = "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db";
    assertThat(SecretsManagerSource.matchIds(List.of(partial), entry)).containsExactly(partial);
    assertThat(SecretsManagerSource.matchIds(List.of("app", partial + "-AbCdE", arn + "x"), entry))
        .isEmpty();
    // One secret asked for under three ids in one batch: the one entry answers all three.
    assertThat(SecretsManagerSource.matchIds(List.of(arn, "x", partial, "app/db"), entry))
        .containsExactly(arn, partial, "app/db");
  }
}

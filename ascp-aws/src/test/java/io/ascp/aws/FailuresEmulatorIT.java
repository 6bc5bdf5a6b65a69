// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static io.ascp.aws.Emulated.EAST;
import static io.ascp.aws.Emulated.WEST;
import static io.ascp.aws.Emulated.error;
import static io.ascp.aws.Emulated.file;
import static io.ascp.aws.Emulated.irsa;
import static io.ascp.aws.Emulated.mountParameters;
import static io.ascp.aws.Emulated.parameters;
import static io.ascp.aws.Emulated.role;
import static io.ascp.aws.Emulated.secrets;
import static io.ascp.aws.Emulated.text;
import static io.ascp.aws.Emulated.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.ascp.api.AscpException;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;
import io.ascp.api.spi.FetchResult;
import io.ascp.core.SecretMounter;
import io.ascp.testkit.AwsError;
import io.ascp.testkit.AwsFault;
import io.ascp.testkit.AwsOperation;
import io.ascp.testkit.AwsService;
import io.ascp.testkit.FakeAws;
import io.ascp.testkit.RecordedCall;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failures through the real SDK against the testkit's emulator: throttling retried by the SDK
 * alone, a failing region served by the failover region through {@link SecretMounter}, and access
 * denied reported with object, region and caller, non-fatal for failover.
 */
class FailuresEmulatorIT {
  @RegisterExtension static final AwsEmulatorExtension AWS = new AwsEmulatorExtension();

  static final String ROLE = role("app");
  static final CallerIdentity APP = irsa("team", "app", ROLE);

  /** The SDK's standard retry mode: 3 attempts per call (the first and 2 retries). */
  static final int SDK_ATTEMPTS = 3;

  static final String OBJECTS =
      """
      - objectName: app/db
        objectType: secretsmanager
        objectAlias: db
      - objectName: /app/url
        objectType: ssmparameter
        objectAlias: url
      """;

  final List<AutoCloseable> opened = new ArrayList<>();
  FakeAws aws;

  @BeforeEach
  void seedBothRegions() {
    aws = AWS.aws();
    for (String region : List.of(EAST, WEST)) {
      aws.secretsManager(region).createSecret("app/db", "db-" + region);
      aws.parameterStore(region).putParameter("/app/url", "url-" + region);
    }
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  AwsSources sources() {
    AwsSources s = Emulated.sources(AWS.emulator());
    opened.add(s);
    return s;
  }

  SecretMounter mounter() {
    SecretMounter m = Emulated.mounter(sources());
    opened.add(m);
    return m;
  }

  static MountRequest withFailover(CallerIdentity identity) {
    return MountRequest.of(mountParameters(EAST, WEST, OBJECTS), identity);
  }

  List<String> outcomes(AwsOperation op, String region) {
    return aws.calls(op).stream()
        .filter(c -> c.region().equals(region))
        .map(c -> c.errorCode().orElse("ok"))
        .toList();
  }

  /**
   * Throttles every Secrets Manager and Parameter Store read in {@code region}. (Not STS: the
   * emulator serves unsigned STS calls in its default region, whatever region the caller meant.)
   */
  void throttleReads(String region) {
    for (AwsOperation op : List.of(AwsOperation.GET_SECRET_VALUE, AwsOperation.GET_PARAMETERS)) {
      aws.inject(AwsFault.error(AwsError.throttling()).region(region).operation(op).build());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Throttling

  @Test
  void throttlingThenSuccessIsRetriedByTheSdk() {
    aws.inject(
        AwsFault.error(AwsError.throttling())
            .operation(AwsOperation.GET_SECRET_VALUE)
            .times(SDK_ATTEMPTS - 1)
            .build());
    aws.inject(
        AwsFault.error(AwsError.throttling())
            .operation(AwsOperation.GET_PARAMETERS)
            .times(1)
            .build());
    AwsSources sources = sources();

    FetchResult secret = sources.secretsManager().fetch(secrets(EAST, APP, "app/db")).get(0);
    FetchResult parameter =
        sources.parameterStore().fetch(parameters(EAST, APP, "/app/url")).get(0);

    assertThat(text(secret)).isEqualTo("db-us-east-1");
    assertThat(text(parameter)).isEqualTo("url-us-east-1");
    assertThat(outcomes(AwsOperation.GET_SECRET_VALUE, EAST))
        .containsExactly("ThrottlingException", "ThrottlingException", "ok");
    assertThat(outcomes(AwsOperation.GET_PARAMETERS, EAST))
        .containsExactly("ThrottlingException", "ok");
  }

  @Test
  void persistentThrottlingIsReportedAfterTheSdkAttemptsWithoutASecondRetryLoop() {
    throttleReads(EAST);

    // No failover region: neither the source nor the mounter may retry what the SDK gave up on.
    String oneSecret = "- objectName: app/db\n  objectType: secretsmanager\n";
    assertThatThrownBy(
            () -> mounter().mount(MountRequest.of(mountParameters(EAST, null, oneSecret), APP)))
        .isInstanceOfSatisfying(
            AscpException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.THROTTLED);
              assertThat(e.getMessage())
                  .contains(
                      "us-east-1: Failed fetching secret app/db: ThrottlingException: Rate"
                          + " exceeded (Service: SecretsManager, Status Code: 400, Request ID: ");
            });
    assertThat(outcomes(AwsOperation.GET_SECRET_VALUE, EAST))
        .hasSize(SDK_ATTEMPTS)
        .containsOnly("ThrottlingException");
  }

  @Test
  void theUsersMaxAttemptsReplaceOurDefault() {
    aws.inject(
        AwsFault.error(AwsError.throttling()).operation(AwsOperation.GET_SECRET_VALUE).build());
    FetchResult r;
    // As AWS_MAX_ATTEMPTS=5 would, for the whole life of the sources.
    System.setProperty("aws.maxAttempts", "5");
    try {
      r = sources().secretsManager().fetch(secrets(EAST, APP, "app/db")).get(0);
    } finally {
      System.clearProperty("aws.maxAttempts");
    }

    assertThat(error(r).code()).isEqualTo(ErrorCode.THROTTLED);
    assertThat(outcomes(AwsOperation.GET_SECRET_VALUE, EAST))
        .hasSize(5)
        .containsOnly("ThrottlingException");
  }

  @Test
  void theUsersRetryModeReplacesOurs() {
    aws.inject(
        AwsFault.error(AwsError.throttling()).operation(AwsOperation.GET_SECRET_VALUE).build());
    FetchResult r;
    // As AWS_RETRY_MODE=legacy would: the SDK's legacy mode makes 4 attempts.
    System.setProperty("aws.retryMode", "legacy");
    try {
      r = sources().secretsManager().fetch(secrets(EAST, APP, "app/db")).get(0);
    } finally {
      System.clearProperty("aws.retryMode");
    }

    assertThat(error(r).code()).isEqualTo(ErrorCode.THROTTLED);
    assertThat(outcomes(AwsOperation.GET_SECRET_VALUE, EAST)).hasSize(4);
  }

  @Test
  void throttlingInThePrimaryRegionFailsOverAfterTheSdkAttempts() {
    throttleReads(EAST);

    MountResult result = mounter().mount(withFailover(APP));

    assertThat(file(result, "db")).isEqualTo("db-us-west-2");
    assertThat(file(result, "url")).isEqualTo("url-us-west-2");
    assertThat(outcomes(AwsOperation.GET_SECRET_VALUE, EAST)).hasSize(SDK_ATTEMPTS);
    assertThat(outcomes(AwsOperation.GET_SECRET_VALUE, WEST)).containsExactly("ok");
  }

  // ---------------------------------------------------------------------------------------------
  // A failing region

  @Test
  void serverErrorsInOneRegionAreServedByTheFailoverRegion() {
    aws.inject(
        AwsFault.error(AwsError.internalServiceError())
            .region(EAST)
            .operation(AwsOperation.GET_SECRET_VALUE)
            .build());
    aws.inject(
        AwsFault.error(AwsError.internalServerError())
            .region(EAST)
            .operation(AwsOperation.GET_PARAMETERS)
            .build());

    MountResult result = mounter().mount(withFailover(APP));

    assertThat(file(result, "db")).isEqualTo("db-us-west-2");
    assertThat(file(result, "url")).isEqualTo("url-us-west-2");
    String westVersion =
        aws.secretsManager(WEST)
            .describeSecret("app/db")
            .versionWithStage("AWSCURRENT")
            .orElseThrow();
    assertThat(version(result, "db")).isEqualTo(westVersion);
    assertThat(outcomes(AwsOperation.GET_SECRET_VALUE, EAST))
        .hasSize(SDK_ATTEMPTS)
        .containsOnly("InternalServiceError");
    assertThat(outcomes(AwsOperation.GET_PARAMETERS, EAST))
        .hasSize(SDK_ATTEMPTS)
        .containsOnly("InternalServerError");
    assertThat(outcomes(AwsOperation.GET_SECRET_VALUE, WEST)).containsExactly("ok");
    assertThat(outcomes(AwsOperation.GET_PARAMETERS, WEST)).containsExactly("ok");
    // Each region's calls carry that region's own session of the pod's role.
    assertThat(aws.calls(AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY)).hasSize(2);
    assertThat(aws.calls())
        .filteredOn(c -> c.service() != AwsService.STS)
        .allSatisfy(c -> assertThat(c.principal()).isEqualTo(ROLE));
    assertThat(keysOf(AwsOperation.GET_SECRET_VALUE, EAST))
        .doesNotContainAnyElementsOf(keysOf(AwsOperation.GET_SECRET_VALUE, WEST));
  }

  List<String> keysOf(AwsOperation op, String region) {
    return aws.calls(op).stream()
        .filter(c -> c.region().equals(region))
        .map(c -> c.accessKeyId().orElse(""))
        .distinct()
        .toList();
  }

  @Test
  void aRegionThatDropsEveryConnectionIsServedByTheFailoverRegion() {
    aws.regionDown(EAST);

    MountResult result = mounter().mount(withFailover(CallerIdentity.defaultChain()));

    assertThat(file(result, "db")).isEqualTo("db-us-west-2");
    assertThat(file(result, "url")).isEqualTo("url-us-west-2");
    assertThat(outcomes(AwsOperation.GET_SECRET_VALUE, EAST))
        .hasSize(SDK_ATTEMPTS)
        .containsOnly("ConnectionFailure");
  }

  @Test
  void aServerErrorInBothRegionsFailsTheMountWithBothCauses() {
    aws.inject(
        AwsFault.error(AwsError.internalServiceError())
            .operation(AwsOperation.GET_SECRET_VALUE)
            .build());

    assertThatThrownBy(() -> mounter().mount(withFailover(APP)))
        .isInstanceOfSatisfying(
            AscpException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
              assertThat(e.getMessage())
                  .startsWith(
                      "Failed to fetch secret from all regions. Verify secret exists and required"
                          + " permissions are granted for: app/db; us-east-1: Failed fetching"
                          + " secret app/db: InternalServiceError: An error occurred on the server"
                          + " side. (Service: SecretsManager, Status Code: 500, Request ID: ")
                  .contains(
                      "; us-west-2: Failed fetching secret app/db: InternalServiceError: An error"
                          + " occurred on the server side.");
            });
  }

  @Test
  void aMissingObjectInThePrimaryRegionIsFatalAndTheFailoverRegionIsNotAsked() {
    aws.secretsManager(EAST).forceDeleteSecret("app/db");

    assertThatThrownBy(() -> mounter().mount(withFailover(APP)))
        .isInstanceOfSatisfying(
            AscpException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
              assertThat(e.getMessage())
                  .startsWith(
                      "us-east-1: Failed fetching secret app/db: ResourceNotFoundException: Secrets"
                          + " Manager can't find the specified secret.");
            });
    assertThat(outcomes(AwsOperation.GET_SECRET_VALUE, EAST))
        .containsExactly("ResourceNotFoundException");
    assertThat(outcomes(AwsOperation.GET_SECRET_VALUE, WEST)).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // Access denied

  @Test
  void accessDeniedNamesTheObjectTheRegionAndTheCallersRole() {
    String teamA = role("team-a");
    aws.iam()
        .allow(teamA, AwsService.SECRETS_MANAGER, "team-a/*")
        .allow(teamA, AwsService.SSM, "/team-a/*");
    aws.secretsManager(EAST).createSecret("team-b/db", "b-secret");
    aws.parameterStore(EAST).putParameter("/team-b/url", "b-url");
    aws.parameterStore(EAST).putParameter("/team-a/url", "a-url");
    CallerIdentity a = irsa("team-a", "app", teamA);
    AwsSources sources = sources();

    FetchResult secret = sources.secretsManager().fetch(secrets(EAST, a, "team-b/db")).get(0);
    List<FetchResult> parameters =
        sources.parameterStore().fetch(parameters(EAST, a, "/team-a/url", "/team-b/url"));

    assertThat(error(secret).code()).isEqualTo(ErrorCode.ACCESS_DENIED);
    assertThat(error(secret).isRetryable()).isFalse();
    assertThat(error(secret).getMessage())
        .startsWith(
            "us-east-1: Failed fetching secret team-b/db: AccessDeniedException: User:"
                + " arn:aws:sts::123456789012:assumed-role/team-a/ascp-team-a.app is not authorized"
                + " to perform: secretsmanager:GetSecretValue on resource: "
                + aws.secretsManager(EAST).arn("team-b/db")
                + " because no identity-based policy allows the secretsmanager:GetSecretValue"
                + " action (Service: SecretsManager, Status Code: 400, Request ID: ")
        .endsWith("(caller: IRSA role " + teamA + " for service account team-a/app)")
        .doesNotContain("b-secret");
    // AWS denies a GetParameters call as a whole when one of its names is denied: both
    // parameters of the call fail, and the message names the parameter that was denied.
    assertThat(parameters)
        .allSatisfy(
            p -> {
              assertThat(error(p).code()).isEqualTo(ErrorCode.ACCESS_DENIED);
              assertThat(error(p).getMessage())
                  .startsWith(
                      "us-east-1: Failed fetching parameters: AccessDeniedException: User:"
                          + " arn:aws:sts::123456789012:assumed-role/team-a/ascp-team-a.app is not"
                          + " authorized to perform: ssm:GetParameters on resource: "
                          + aws.parameterStore(EAST).arn("/team-b/url"))
                  .endsWith("(caller: IRSA role " + teamA + " for service account team-a/app)")
                  .doesNotContain("b-url")
                  .doesNotContain("a-url");
            });
    assertThat(aws.calls(AwsOperation.GET_PARAMETERS)).hasSize(1);
  }

  @Test
  void accessDeniedIsNotFatalSoTheFailoverObjectIsRead() {
    String teamA = role("team-a");
    aws.iam().allow(teamA, AwsService.SECRETS_MANAGER, "team-a/*");
    aws.secretsManager(EAST).createSecret("team-b/db", "b-secret");
    aws.secretsManager(WEST).createSecret("team-a/db", "a-replica");
    CallerIdentity a = irsa("team-a", "app", teamA);

    MountResult result =
        mounter()
            .mount(
                MountRequest.of(
                    mountParameters(
                        EAST,
                        WEST,
                        """
                        - objectName: team-b/db
                          objectType: secretsmanager
                          objectAlias: db
                          failoverObject:
                            objectName: team-a/db
                        """),
                    a));

    assertThat(file(result, "db")).isEqualTo("a-replica");
    assertThat(aws.calls(AwsOperation.GET_SECRET_VALUE))
        .extracting(RecordedCall::region, RecordedCall::errorCode)
        .containsExactly(
            tuple(EAST, Optional.of("AccessDeniedException")),
            tuple(WEST, Optional.<String>empty()));
  }

  @Test
  void accessDeniedInEveryRegionFailsTheMountWithTheReferenceTextAndEachCause() {
    String teamA = role("team-a");
    aws.iam().allow(teamA, AwsService.SECRETS_MANAGER, "team-a/*");
    CallerIdentity a = irsa("team-a", "app", teamA);

    assertThatThrownBy(() -> mounter().mount(withFailover(a)))
        .isInstanceOfSatisfying(
            AscpException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
              assertThat(e.getMessage())
                  .startsWith(
                      "Failed to fetch secret from all regions. Verify secret exists and required"
                          + " permissions are granted for: app/db; us-east-1: Failed fetching"
                          + " secret app/db: AccessDeniedException: User:")
                  .contains(
                      "; us-west-2: Failed fetching secret app/db: AccessDeniedException: User:")
                  .contains("(caller: IRSA role " + teamA + " for service account team-a/app)")
                  .doesNotContain("db-us-");
            });
  }
}

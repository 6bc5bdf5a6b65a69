// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.testkit.junit.MotoServer;
import io.ascp.testkit.junit.MotoServerExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keeps the testkit honest: one scenario ({@link DifferentialScenario}) runs through the real AWS
 * SDK v2 against {@code moto_server} and against the emulator, and every observation must agree,
 * except where moto 5.2.1 deviates from AWS's documented behavior. Each such place is listed in
 * {@link #DEVIATIONS} with what AWS does (which the emulator must show) and what moto does (which
 * moto must still show: when moto changes, this test says so and the entry is revisited).
 */
@ExtendWith(MotoServerExtension.class)
class EmulatorMotoDifferentialIT {

  /**
   * A place where moto 5.2.1 deviates from AWS.
   *
   * @param aws what AWS does, with the reference
   * @param emulator the emulator's observation, which follows AWS
   * @param moto moto's observation, or empty when moto's answer is not deterministic
   */
  record Deviation(String aws, String emulator, Optional<String> moto) {
    Deviation(String aws, String emulator, String moto) {
      this(aws, emulator, Optional.of(moto));
    }
  }

  private static final String T1 = DifferentialScenario.T1;
  private static final String T2 = DifferentialScenario.T2;
  private static final String T3 = DifferentialScenario.T3;
  private static final String T4 = DifferentialScenario.T4;
  private static final String STANDARD_TIER_LIMIT =
      "error ValidationException ValidationException: Standard tier parameters support a maximum"
          + " parameter value of 4096 characters. To create a larger parameter value, upgrade the"
          + " parameter to use the advanced-parameter tier. For more information, see"
          + " https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html";
  private static final String INVALID_PARAMETER_NAME =
      "error ValidationException ValidationException: Parameter name: can't be prefixed with"
          + " \"aws\" or \"ssm\" (case-insensitive). If formed as a path, it can consist of"
          + " sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters,"
          + " numbers and the following 3 symbols .-_";
  private static final String MARKED_FOR_DELETION =
      "error InvalidRequestException InvalidRequestException: You can't perform this operation on"
          + " the secret because it was marked for deletion.";

  static final Map<String, Deviation> DEVIATIONS = new LinkedHashMap<>();

  static {
    // --- Secrets Manager ----------------------------------------------------------------------
    DEVIATIONS.put(
        "sm.describe.afterMove",
        new Deviation(
            "DescribeSecret's VersionIdsToStages lists only versions that carry a staging label;"
                + " a version without labels is deprecated and omitted (API reference,"
                + " DescribeSecret VersionIdsToStages)",
            "{" + T2 + "=[AWSPREVIOUS], " + T3 + "=[AWSPENDING, AWSCURRENT]}",
            "{" + T1 + "=[], " + T2 + "=[AWSPREVIOUS], " + T3 + "=[AWSPENDING, AWSCURRENT]}"));
    DEVIATIONS.put(
        "sm.put.afterPromotedPending",
        new Deviation(
            "A staging label sits on exactly one version: PutSecretValue with the default"
                + " AWSCURRENT moves it off the version that carried it (here with AWSPENDING) and"
                + " AWSPREVIOUS follows to that version; moto leaves AWSCURRENT on two versions",
            "{" + T3 + "=[AWSPENDING, AWSPREVIOUS], " + T4 + "=[AWSCURRENT]}",
            "{"
                + T1
                + "=[], "
                + T2
                + "=[AWSPREVIOUS], "
                + T3
                + "=[AWSPENDING, AWSCURRENT], "
                + T4
                + "=[AWSCURRENT]}"));
    DEVIATIONS.put(
        "sm.get.unknownStage",
        new Deviation(
            "An existing secret without a version carrying the requested stage answers"
                + " ResourceNotFoundException naming the staging label",
            "error ResourceNotFoundException ResourceNotFoundException: Secrets Manager can't find"
                + " the specified secret value for staging label: nope",
            "error ResourceNotFoundException ResourceNotFoundException: Secrets Manager can't find"
                + " the specified secret."));
    DEVIATIONS.put(
        "sm.get.missing.status",
        new Deviation(
            "Secrets Manager's client errors, ResourceNotFoundException included, use HTTP 400",
            "status 400",
            "status 404"));
    DEVIATIONS.put(
        "sm.batch.21ids",
        new Deviation(
            "BatchGetSecretValue takes 1 to 20 ids in SecretIdList; more is a ValidationException"
                + " for the whole call (API reference, BatchGetSecretValue)",
            "error SecretsManagerException ValidationException: 1 validation error detected: Value"
                + " '["
                + String.join(", ", IntStream.range(0, 21).mapToObj(i -> "s" + i).toList())
                + "]' at 'secretIdList' failed to satisfy constraint: Member must have length less"
                + " than or equal to 20",
            "values=[] errors="
                + IntStream.range(0, 21)
                    .mapToObj(i -> "s" + i + ":ResourceNotFoundException")
                    .sorted()
                    .toList()));
    DEVIATIONS.put(
        "sm.create.over64KiB",
        new Deviation(
            "SecretString and SecretBinary hold at most 65,536 bytes",
            "error SecretsManagerException ValidationException: 1 validation error detected: Value"
                + " at 'secretString' failed to satisfy constraint: Member must have length less"
                + " than or equal to 65536",
            "diff/big"));
    DEVIATIONS.put(
        "sm.create.invalidName",
        new Deviation(
            "Secret names use letters, digits and /_+=.@- only",
            "error InvalidParameterException InvalidParameterException: Invalid name. Must be a"
                + " valid name containing alphanumeric characters, or any of the following:"
                + " -/_+=.@!",
            "diff bad!"));
    DEVIATIONS.put(
        "sm.get.deleted",
        new Deviation(
            "A secret scheduled for deletion cannot be read (InvalidRequestException)",
            MARKED_FOR_DELETION,
            "error InvalidRequestException InvalidRequestException: An error occurred"
                + " (InvalidRequestException) when calling the GetSecretValue operation: You tried"
                + " to                 perform the operation on a secret that's currently marked"
                + " deleted."));
    DEVIATIONS.put(
        "sm.put.deleted",
        new Deviation(
            "A secret scheduled for deletion cannot get new versions until it is restored",
            MARKED_FOR_DELETION,
            "diff/bin"));
    DEVIATIONS.put(
        "sm.create.deletedName",
        new Deviation(
            "The name of a secret scheduled for deletion cannot be reused until it is deleted",
            "error InvalidRequestException InvalidRequestException: You can't create this secret"
                + " because a secret with this name is already scheduled for deletion.",
            "error ResourceExistsException ResourceExistsException: The operation failed because"
                + " the secret diff/bin already exists."));

    // --- Parameter Store ----------------------------------------------------------------------
    DEVIATIONS.put(
        "ssm.selectors.selectorField",
        new Deviation(
            "A parameter selected with name:version or name:label carries the Selector it was"
                + " selected with (Parameter.Selector)",
            "[1::1, 1::stable, 2:null]",
            "[1:null, 1:null, 2:null]"));
    DEVIATIONS.put(
        "ssm.order",
        new Deviation(
            "GetParameters lists its results in alphabetical order (API reference, GetParameters"
                + " Names); moto answers in the iteration order of a Python set, which changes"
                + " from run to run, so only the emulator's order is asserted",
            "[/diff/order/a@1, /diff/order/b@1, /diff/order/c@1]",
            Optional.empty()));
    DEVIATIONS.put(
        "ssm.secure.withoutDecryption",
        new Deviation(
            "Without WithDecryption a SecureString comes back as KMS ciphertext, never in clear",
            "containsPlaintext=false",
            "containsPlaintext=true"));
    DEVIATIONS.put(
        "ssm.byArn",
        new Deviation(
            "GetParameters accepts full ARNs (required for shared parameters), with selectors;"
                + " the result's Name is the parameter's name",
            "arn:aws:ssm:us-east-1:123456789012:parameter/diff/p parameters=[/diff/p@1=one"
                + " (String), /diff/p@2=two (String)] invalid=[]",
            "arn:aws:ssm:us-east-1:123456789012:parameter/diff/p parameters=[]"
                + " invalid=[arn:aws:ssm:us-east-1:123456789012:parameter/diff/p,"
                + " arn:aws:ssm:us-east-1:123456789012:parameter/diff/p:1]"));
    DEVIATIONS.put(
        "ssm.elevenNames",
        new Deviation(
            "GetParameters takes 1 to 10 names (both reject 11; moto's message adds a period)",
            "error ValidationException ValidationException: 1 validation error detected: Value"
                + " '[/n0, /n1, /n2, /n3, /n4, /n5, /n6, /n7, /n8, /n9, /n10]' at 'names' failed"
                + " to satisfy constraint: Member must have length less than or equal to 10",
            "error ValidationException ValidationException: 1 validation error detected: Value"
                + " '[/n0, /n1, /n2, /n3, /n4, /n5, /n6, /n7, /n8, /n9, /n10]' at 'names' failed"
                + " to satisfy constraint: Member must have length less than or equal to 10."));
    DEVIATIONS.put(
        "ssm.put.over4KiBStandard",
        new Deviation(
            "Standard-tier values hold at most 4 KB (Advanced: 8 KB)", STANDARD_TIER_LIMIT, "v1"));
    DEVIATIONS.put(
        "ssm.put.awsPrefix",
        new Deviation(
            "Names may not start with aws or ssm; AWS answers its full name-rules message",
            INVALID_PARAMETER_NAME,
            "error ValidationException ValidationException: Parameter name: can't be prefixed with"
                + " \"aws\" or \"ssm\" (case-insensitive)."));
    DEVIATIONS.put(
        "ssm.put.notFullyQualified",
        new Deviation(
            "A name with a slash must be fully qualified (start with a slash)",
            INVALID_PARAMETER_NAME,
            "v1"));

    // --- STS ----------------------------------------------------------------------------------
    DEVIATIONS.put(
        "sts.subjectFromWebIdentityToken",
        new Deviation(
            "AssumeRoleWithWebIdentity returns the token's subject (SubjectFromWebIdentityToken)",
            "system:serviceaccount:ns:sa",
            "null"));
  }

  @Test
  void theEmulatorAgreesWithMotoExceptWhereMotoDeviatesFromAws(MotoServer moto) {
    DifferentialScenario scenario = new DifferentialScenario();
    Map<String, String> onMoto = scenario.run(moto.endpoint());
    Map<String, String> onEmulator;
    try (AwsEmulator emulator = AwsEmulator.start()) {
      onEmulator = scenario.run(emulator.endpoint());
    }
    assertThat(onEmulator.keySet()).containsExactlyElementsOf(onMoto.keySet());
    assertThat(onMoto.keySet()).containsAll(DEVIATIONS.keySet());

    SoftAssertions softly = new SoftAssertions();
    List<String> agreed = new ArrayList<>();
    for (String step : onEmulator.keySet()) {
      Deviation d = DEVIATIONS.get(step);
      if (d == null) {
        softly
            .assertThat(onEmulator.get(step))
            .as("%s: emulator vs moto", step)
            .isEqualTo(onMoto.get(step));
        agreed.add(step);
      } else {
        softly
            .assertThat(onEmulator.get(step))
            .as("%s: emulator follows AWS (%s)", step, d.aws())
            .isEqualTo(d.emulator());
        d.moto()
            .ifPresent(
                expected ->
                    softly
                        .assertThat(onMoto.get(step))
                        .as("%s: moto 5.2.1 still deviates", step)
                        .isEqualTo(expected));
      }
    }
    softly.assertAll();
    // What moto backs (DESIGN.md §6.10): values, binary, versions and stages after puts, missing
    // objects, name:version and name:label values, STS. Those steps must be compared, not excused.
    assertThat(agreed)
        .contains(
            "sm.get.current",
            "sm.put.current",
            "sm.describe.afterPut",
            "sm.get.previous",
            "sm.binary",
            "sm.describe.withPending",
            "sm.get.missing",
            "sm.batch",
            "ssm.selectors.values",
            "ssm.secure.withDecryption",
            "sts.assumeRoleWithWebIdentity");
  }
}

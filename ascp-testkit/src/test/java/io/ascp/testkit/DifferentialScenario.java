// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;

/**
 * One scenario, run step by step through the real AWS SDK v2 against any endpoint (the emulator,
 * moto_server): each step returns an observation, a canonical string of what AWS would let a client
 * observe (values, version ids, stages, error classes, codes and messages). Random parts (ARN
 * suffixes, dates, credentials) are reduced to their shape.
 */
final class DifferentialScenario {
  static final String T1 = "d1ff0000-0000-4000-8000-000000000001";
  static final String T2 = "d1ff0000-0000-4000-8000-000000000002";
  static final String T3 = "d1ff0000-0000-4000-8000-000000000003";
  static final String T4 = "d1ff0000-0000-4000-8000-000000000004";
  static final String ROLE = "arn:aws:iam::123456789012:role/diff-role";

  record Clients(
      SecretsManagerClient sm, SecretsManagerClient smWest, SsmClient ssm, StsClient sts) {}

  private record Step(String name, Function<Clients, String> action) {}

  private final List<Step> steps = new ArrayList<>();

  DifferentialScenario() {
    secretsManager();
    parameterStore();
    sts();
  }

  /** Runs every step against {@code endpoint}, in order; a failing step is an observation too. */
  Map<String, String> run(URI endpoint) {
    Map<String, String> observations = new LinkedHashMap<>();
    try (Sdk sdk = new Sdk(endpoint);
        SecretsManagerClient sm = sdk.secretsManager("us-east-1");
        SecretsManagerClient smWest = sdk.secretsManager("us-west-2");
        SsmClient ssm = sdk.ssm("us-east-1");
        StsClient sts = sdk.sts("us-east-1")) {
      Clients clients = new Clients(sm, smWest, ssm, sts);
      for (Step step : steps) {
        String observation;
        try {
          observation = step.action().apply(clients);
        } catch (AwsServiceException e) {
          observation =
              "error "
                  + e.getClass().getSimpleName()
                  + " "
                  + e.awsErrorDetails().errorCode()
                  + ": "
                  + e.awsErrorDetails().errorMessage();
        } catch (SdkClientException e) {
          observation = "client error";
        }
        observations.put(step.name(), arnSuffixes(observation));
      }
    }
    return observations;
  }

  private void step(String name, Function<Clients, String> action) {
    steps.add(new Step(name, action));
  }

  // ---------------------------------------------------------------------------------------------

  private void secretsManager() {
    step(
        "sm.create",
        c -> {
          var r =
              c.sm()
                  .createSecret(
                      b -> b.name("diff/plain").secretString("v1").clientRequestToken(T1));
          return r.name() + " " + r.versionId() + " " + arnShape(r.arn());
        });
    step("sm.get.current", c -> value(c.sm().getSecretValue(b -> b.secretId("diff/plain"))));
    step(
        "sm.put.current",
        c -> {
          var r =
              c.sm()
                  .putSecretValue(
                      b -> b.secretId("diff/plain").secretString("v2").clientRequestToken(T2));
          return r.versionId() + " " + r.versionStages();
        });
    step(
        "sm.put.sameTokenSameValue",
        c -> {
          var r =
              c.sm()
                  .putSecretValue(
                      b -> b.secretId("diff/plain").secretString("v2").clientRequestToken(T2));
          return r.versionId() + " " + r.versionStages();
        });
    step(
        "sm.put.sameTokenOtherValue",
        c ->
            c.sm()
                .putSecretValue(
                    b -> b.secretId("diff/plain").secretString("other").clientRequestToken(T2))
                .versionId());
    step("sm.describe.afterPut", c -> stages(c.sm().describeSecret(b -> b.secretId("diff/plain"))));
    step(
        "sm.get.previous",
        c ->
            value(
                c.sm().getSecretValue(b -> b.secretId("diff/plain").versionStage("AWSPREVIOUS"))));
    step(
        "sm.get.byVersionId",
        c -> value(c.sm().getSecretValue(b -> b.secretId("diff/plain").versionId(T1))));
    step(
        "sm.binary",
        c -> {
          c.sm()
              .createSecret(
                  b ->
                      b.name("diff/bin")
                          .secretBinary(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xFF}))
                          .clientRequestToken(T1));
          return value(c.sm().getSecretValue(b -> b.secretId("diff/bin")));
        });
    step(
        "sm.put.pending",
        c -> {
          var r =
              c.sm()
                  .putSecretValue(
                      b ->
                          b.secretId("diff/plain")
                              .secretString("v3")
                              .clientRequestToken(T3)
                              .versionStages("AWSPENDING"));
          return r.versionId() + " " + r.versionStages();
        });
    step(
        "sm.get.pending",
        c ->
            value(c.sm().getSecretValue(b -> b.secretId("diff/plain").versionStage("AWSPENDING"))));
    step(
        "sm.describe.withPending",
        c -> stages(c.sm().describeSecret(b -> b.secretId("diff/plain"))));
    step(
        "sm.moveCurrent.withoutRemoveFrom",
        c ->
            c.sm()
                .updateSecretVersionStage(
                    b -> b.secretId("diff/plain").versionStage("AWSCURRENT").moveToVersionId(T3))
                .name());
    step(
        "sm.moveCurrent",
        c ->
            c.sm()
                .updateSecretVersionStage(
                    b ->
                        b.secretId("diff/plain")
                            .versionStage("AWSCURRENT")
                            .moveToVersionId(T3)
                            .removeFromVersionId(T2))
                .name());
    step(
        "sm.describe.afterMove", c -> stages(c.sm().describeSecret(b -> b.secretId("diff/plain"))));
    step(
        "sm.put.afterPromotedPending",
        c -> {
          c.sm()
              .putSecretValue(
                  b -> b.secretId("diff/plain").secretString("v4").clientRequestToken(T4));
          return stages(c.sm().describeSecret(b -> b.secretId("diff/plain")));
        });
    step(
        "sm.get.afterPromotedPending",
        c -> value(c.sm().getSecretValue(b -> b.secretId("diff/plain"))));
    step(
        "sm.get.versionAndStageMismatch",
        c ->
            value(
                c.sm()
                    .getSecretValue(
                        b -> b.secretId("diff/plain").versionId(T1).versionStage("AWSCURRENT"))));
    step(
        "sm.get.unknownStage",
        c -> value(c.sm().getSecretValue(b -> b.secretId("diff/plain").versionStage("nope"))));
    step("sm.get.missing", c -> value(c.sm().getSecretValue(b -> b.secretId("diff/missing"))));
    step("sm.get.missing.status", c -> status(() -> c.sm().getSecretValue(b -> b.secretId("x"))));
    step(
        "sm.get.fullArn",
        c -> {
          String arn = c.sm().describeSecret(b -> b.secretId("diff/plain")).arn();
          return value(c.sm().getSecretValue(b -> b.secretId(arn)));
        });
    step(
        "sm.get.partialArn",
        c -> {
          String arn = c.sm().describeSecret(b -> b.secretId("diff/plain")).arn();
          return value(c.sm().getSecretValue(b -> b.secretId(arn.substring(0, arn.length() - 7))));
        });
    step(
        "sm.get.otherRegion", c -> value(c.smWest().getSecretValue(b -> b.secretId("diff/plain"))));
    step(
        "sm.batch",
        c ->
            batch(
                c.sm()
                    .batchGetSecretValue(
                        b -> b.secretIdList("diff/plain", "diff/missing", "diff/bin"))));
    step(
        "sm.batch.21ids",
        c ->
            batch(
                c.sm()
                    .batchGetSecretValue(
                        b ->
                            b.secretIdList(
                                IntStream.range(0, 21).mapToObj(i -> "s" + i).toList()))));
    step(
        "sm.create.over64KiB",
        c -> c.sm().createSecret(b -> b.name("diff/big").secretString("x".repeat(65_537))).name());
    step(
        "sm.create.invalidName",
        c -> c.sm().createSecret(b -> b.name("diff bad!").secretString("x")).name());
    step(
        "sm.delete",
        c -> {
          var r = c.sm().deleteSecret(b -> b.secretId("diff/bin").recoveryWindowInDays(7L));
          return r.name() + " deletionDate=" + (r.deletionDate() != null);
        });
    step("sm.get.deleted", c -> value(c.sm().getSecretValue(b -> b.secretId("diff/bin"))));
    step(
        "sm.describe.deleted",
        c ->
            "deletedDate="
                + (c.sm().describeSecret(b -> b.secretId("diff/bin")).deletedDate() != null));
    step(
        "sm.put.deleted",
        c -> c.sm().putSecretValue(b -> b.secretId("diff/bin").secretString("x")).name());
    step(
        "sm.create.deletedName",
        c -> c.sm().createSecret(b -> b.name("diff/bin").secretString("x")).name());
    step(
        "sm.restore",
        c -> {
          c.sm().restoreSecret(b -> b.secretId("diff/bin"));
          GetSecretValueResponse r =
              c.sm().getSecretValue(b -> b.secretId("diff/bin").versionId(T1));
          return r.name()
              + " "
              + r.versionId()
              + " "
              + utf8(r.secretBinary().asByteArray()).length();
        });
  }

  private void parameterStore() {
    step(
        "ssm.put",
        c ->
            "v"
                + c.ssm()
                    .putParameter(b -> b.name("/diff/p").value("one").type(ParameterType.STRING))
                    .version());
    step(
        "ssm.put.withoutOverwrite",
        c ->
            "v"
                + c.ssm()
                    .putParameter(b -> b.name("/diff/p").value("two").type(ParameterType.STRING))
                    .version());
    step(
        "ssm.put.overwrite",
        c ->
            "v"
                + c.ssm()
                    .putParameter(b -> b.name("/diff/p").value("two").overwrite(true))
                    .version());
    step(
        "ssm.label",
        c -> {
          var r =
              c.ssm()
                  .labelParameterVersion(
                      b -> b.name("/diff/p").parameterVersion(1L).labels("stable", "1bad", "awsx"));
          return "invalid=" + r.invalidLabels() + " version=" + r.parameterVersion();
        });
    step(
        "ssm.selectors.values",
        c -> parameterValues(c.ssm().getParameters(b -> b.names(selectorNames()))));
    step(
        "ssm.selectors.selectorField",
        c -> selectors(c.ssm().getParameters(b -> b.names(selectorNames()))));
    step(
        "ssm.order",
        c -> {
          for (String n : List.of("/diff/order/c", "/diff/order/a", "/diff/order/b")) {
            c.ssm().putParameter(b -> b.name(n).value(n).type(ParameterType.STRING));
          }
          return order(
              c.ssm()
                  .getParameters(b -> b.names("/diff/order/c", "/diff/order/a", "/diff/order/b")));
        });
    step(
        "ssm.secure.withoutDecryption",
        c -> {
          c.ssm()
              .putParameter(
                  b -> b.name("/diff/s").value("hunter2").type(ParameterType.SECURE_STRING));
          String v = c.ssm().getParameters(b -> b.names("/diff/s")).parameters().get(0).value();
          return "containsPlaintext=" + v.contains("hunter2");
        });
    step(
        "ssm.secure.withDecryption",
        c -> parameterValues(c.ssm().getParameters(b -> b.names("/diff/s").withDecryption(true))));
    step(
        "ssm.stringList",
        c -> {
          c.ssm()
              .putParameter(b -> b.name("/diff/l").value("a,b,c").type(ParameterType.STRING_LIST));
          return parameterValues(c.ssm().getParameters(b -> b.names("/diff/l")));
        });
    step(
        "ssm.byArn",
        c -> {
          String arn = c.ssm().getParameters(b -> b.names("/diff/p")).parameters().get(0).arn();
          return arn + " " + parameterValues(c.ssm().getParameters(b -> b.names(arn, arn + ":1")));
        });
    step(
        "ssm.elevenNames",
        c ->
            parameterValues(
                c.ssm()
                    .getParameters(
                        b -> b.names(IntStream.range(0, 11).mapToObj(i -> "/n" + i).toList()))));
    step(
        "ssm.duplicates",
        c -> parameterValues(c.ssm().getParameters(b -> b.names("/diff/p", "/diff/p"))));
    step(
        "ssm.labelMoves",
        c -> {
          c.ssm()
              .labelParameterVersion(b -> b.name("/diff/p").parameterVersion(2L).labels("stable"));
          return parameterValues(c.ssm().getParameters(b -> b.names("/diff/p:stable")));
        });
    step(
        "ssm.put.over4KiBStandard",
        c ->
            "v"
                + c.ssm()
                    .putParameter(
                        b -> b.name("/diff/big").value("x".repeat(4097)).type(ParameterType.STRING))
                    .version());
    step(
        "ssm.put.8KiBAdvanced",
        c ->
            "v"
                + c.ssm()
                    .putParameter(
                        b ->
                            b.name("/diff/adv")
                                .value("x".repeat(8192))
                                .type(ParameterType.STRING)
                                .tier(ParameterTier.ADVANCED))
                    .version());
    step(
        "ssm.put.awsPrefix",
        c ->
            "v"
                + c.ssm()
                    .putParameter(b -> b.name("awsdiff").value("x").type(ParameterType.STRING))
                    .version());
    step(
        "ssm.put.notFullyQualified",
        c ->
            "v"
                + c.ssm()
                    .putParameter(b -> b.name("diff/x").value("x").type(ParameterType.STRING))
                    .version());
    step(
        "ssm.getParameter.missingVersion",
        c -> c.ssm().getParameter(b -> b.name("/diff/p:9")).parameter().value());
  }

  private void sts() {
    step(
        "sts.assumeRoleWithWebIdentity",
        c -> {
          AssumeRoleWithWebIdentityResponse r =
              c.sts()
                  .assumeRoleWithWebIdentity(
                      b ->
                          b.roleArn(ROLE)
                              .roleSessionName("diff-session")
                              .webIdentityToken(
                                  FakeTokens.serviceAccountToken("ns", "sa", "sts.amazonaws.com")));
          return "key="
              + r.credentials().accessKeyId().substring(0, 4)
              + "/"
              + r.credentials().accessKeyId().length()
              + " secret="
              + !r.credentials().secretAccessKey().isEmpty()
              + " token="
              + !r.credentials().sessionToken().isEmpty()
              + " expires="
              + (r.credentials().expiration() != null)
              + " user="
              + r.assumedRoleUser().arn();
        });
    step(
        "sts.subjectFromWebIdentityToken",
        c ->
            String.valueOf(
                c.sts()
                    .assumeRoleWithWebIdentity(
                        b ->
                            b.roleArn(ROLE)
                                .roleSessionName("diff-session")
                                .webIdentityToken(
                                    FakeTokens.serviceAccountToken(
                                        "ns", "sa", "sts.amazonaws.com")))
                    .subjectFromWebIdentityToken()));
  }

  // ---------------------------------------------------------------------------------------------

  private static List<String> selectorNames() {
    return List.of("/diff/p:stable", "/diff/p", "/diff/p:1", "/diff/p:9", "/diff/missing");
  }

  private static String value(GetSecretValueResponse r) {
    String v =
        r.secretString() != null
            ? "string:" + r.secretString()
            : "binary:" + Base64.getEncoder().encodeToString(r.secretBinary().asByteArray());
    return r.name() + " " + r.versionId() + " " + v + " " + r.versionStages();
  }

  private static String stages(DescribeSecretResponse r) {
    return new TreeMap<>(r.versionIdsToStages()).toString();
  }

  private static String batch(BatchGetSecretValueResponse r) {
    List<String> values = new ArrayList<>();
    r.secretValues().forEach(v -> values.add(v.name() + "=" + v.versionId()));
    List<String> errors = new ArrayList<>();
    r.errors().forEach(e -> errors.add(e.secretId() + ":" + e.errorCode()));
    values.sort(null);
    errors.sort(null);
    return "values=" + values + " errors=" + errors;
  }

  private static String parameterValues(GetParametersResponse r) {
    List<String> values = new ArrayList<>();
    for (Parameter p : r.parameters()) {
      values.add(p.name() + "@" + p.version() + "=" + p.value() + " (" + p.type() + ")");
    }
    values.sort(null);
    List<String> invalid = new ArrayList<>(r.invalidParameters());
    invalid.sort(null);
    return "parameters=" + values + " invalid=" + invalid;
  }

  private static String selectors(GetParametersResponse r) {
    List<String> s = new ArrayList<>();
    r.parameters().forEach(p -> s.add(p.version() + ":" + p.selector()));
    s.sort(null);
    return s.toString();
  }

  private static String order(GetParametersResponse r) {
    List<String> s = new ArrayList<>();
    r.parameters().forEach(p -> s.add(p.name() + "@" + p.version()));
    return s.toString();
  }

  private static String arnShape(String arn) {
    return arn.replaceAll("-[A-Za-z0-9]{6}$", "-XXXXXX");
  }

  /** Replaces the random six-character suffix of every secret ARN in {@code text}. */
  private static String arnSuffixes(String text) {
    return text.replaceAll("(:secret:[A-Za-z0-9/_+=.@-]+?)-[A-Za-z0-9]{6}\\b", "$1-XXXXXX");
  }

  private static String status(Runnable call) {
    try {
      call.run();
      return "status 200";
    } catch (AwsServiceException e) {
      return "status " + e.statusCode();
    }
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static io.ascp.aws.Emulated.EAST;
import static io.ascp.aws.Emulated.WEST;
import static io.ascp.aws.Emulated.irsa;
import static io.ascp.aws.Emulated.mountParameters;
import static io.ascp.aws.Emulated.podIdentity;
import static io.ascp.aws.Emulated.role;
import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.AddressPreference;
import io.ascp.api.CallerIdentity;
import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;
import io.ascp.core.SecretMounter;
import io.ascp.testkit.AwsOperation;
import io.ascp.testkit.FakeAws;
import io.ascp.testkit.RecordedCall;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The API-call budget of a mount, exact and per operation, counted by the emulator: for a {@code
 * SecretProviderClass} with N secrets and M parameters, a mount makes {@code GetSecretValue} × N
 * (or {@code BatchGetSecretValue} × ⌈N/20⌉ in batch mode), {@code GetParameters} × ⌈M/10⌉, and one
 * credentials exchange per identity and region on a cold cache, none on a warm one — and nothing
 * else. docs/performance.md ("API calls per mount") quotes these numbers.
 */
class ApiCallBudgetEmulatorIT {
  @RegisterExtension static final AwsEmulatorExtension AWS = new AwsEmulatorExtension();

  static final CallerIdentity APP = irsa("team", "app", role("app"));

  FakeAws aws;

  @BeforeEach
  void seed() {
    aws = AWS.aws();
    for (String region : new String[] {EAST, WEST}) {
      for (int i = 0; i < 45; i++) {
        aws.secretsManager(region).createSecret(String.format("app/s%02d", i), "s" + i);
        aws.parameterStore(region).putParameter(String.format("/app/p%02d", i), "p" + i);
      }
    }
    aws.iam().associatePodIdentity("team", "app", role("app"));
  }

  static String objects(int secrets, int parameters) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < secrets; i++) {
      b.append(String.format("- objectName: app/s%02d%n  objectType: secretsmanager%n", i));
    }
    for (int i = 0; i < parameters; i++) {
      b.append(String.format("- objectName: /app/p%02d%n  objectType: ssmparameter%n", i));
    }
    return b.toString();
  }

  static MountRequest mount(int secrets, int parameters, CallerIdentity identity) {
    return MountRequest.of(mountParameters(EAST, WEST, objects(secrets, parameters)), identity);
  }

  /** The calls recorded since the last count, by operation; forgets them. */
  Map<AwsOperation, Integer> count() {
    Map<AwsOperation, Integer> counts = new EnumMap<>(AwsOperation.class);
    for (RecordedCall c : aws.calls()) {
      assertThat(c.succeeded()).as("%s", c).isTrue();
      assertThat(c.region())
          .as("a mount that succeeds never asks its failover region")
          .isEqualTo(EAST);
      counts.merge(c.operation(), 1, Integer::sum);
    }
    aws.clearCalls();
    return counts;
  }

  static Map<AwsOperation, Integer> budget(Object... operationsAndCounts) {
    Map<AwsOperation, Integer> m = new EnumMap<>(AwsOperation.class);
    for (int i = 0; i < operationsAndCounts.length; i += 2) {
      int n = (Integer) operationsAndCounts[i + 1];
      if (n > 0) {
        m.put((AwsOperation) operationsAndCounts[i], n);
      }
    }
    return m;
  }

  static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  @ParameterizedTest(name = "{0} secrets, {1} parameters")
  @CsvSource({"1, 0", "0, 1", "3, 10", "5, 11", "20, 25", "21, 0", "0, 31", "45, 45"})
  void aMountMakesOneCallPerSecretOnePerTenParametersAndOneStsCallWhenCold(int n, int m) {
    try (AwsSources sources = Emulated.sources(AWS.emulator());
        SecretMounter mounter = Emulated.mounter(sources)) {
      MountResult cold = mounter.mount(mount(n, m, APP));
      assertThat(cold.files()).hasSize(n + m);
      assertThat(count())
          .isEqualTo(
              budget(
                  AwsOperation.GET_SECRET_VALUE,
                  n,
                  AwsOperation.GET_PARAMETERS,
                  ceilDiv(m, 10),
                  AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY,
                  1));

      mounter.mount(mount(n, m, APP));
      assertThat(count())
          .isEqualTo(
              budget(
                  AwsOperation.GET_SECRET_VALUE, n, AwsOperation.GET_PARAMETERS, ceilDiv(m, 10)));
    }
  }

  @ParameterizedTest(name = "{0} secrets, {1} parameters")
  @CsvSource({"1, 0", "3, 10", "20, 25", "21, 11", "45, 0"})
  void theBatchGetSecretValueModeMakesOneCallPerTwentySecrets(int n, int m) {
    try (AwsSources sources = Emulated.sources(AWS.emulator(), b -> b.batchGetSecretValue(true));
        SecretMounter mounter = Emulated.mounter(sources)) {
      mounter.mount(mount(n, m, APP));
      assertThat(count())
          .isEqualTo(
              budget(
                  AwsOperation.BATCH_GET_SECRET_VALUE, ceilDiv(n, 20),
                  AwsOperation.GET_PARAMETERS, ceilDiv(m, 10),
                  AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY, 1));

      mounter.mount(mount(n, m, APP));
      assertThat(count())
          .isEqualTo(
              budget(
                  AwsOperation.BATCH_GET_SECRET_VALUE, ceilDiv(n, 20),
                  AwsOperation.GET_PARAMETERS, ceilDiv(m, 10)));
    }
  }

  @Test
  void eachIdentityPaysItsOwnExchangeOnce() {
    CallerIdentity other = irsa("team", "other", role("app"));
    try (AwsSources sources = Emulated.sources(AWS.emulator());
        SecretMounter mounter = Emulated.mounter(sources)) {
      mounter.mount(mount(2, 2, APP));
      mounter.mount(mount(2, 2, other));
      assertThat(count())
          .isEqualTo(
              budget(
                  AwsOperation.GET_SECRET_VALUE, 4,
                  AwsOperation.GET_PARAMETERS, 2,
                  AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY, 2));
      mounter.mount(mount(2, 2, APP));
      mounter.mount(mount(2, 2, other));
      assertThat(count())
          .isEqualTo(budget(AwsOperation.GET_SECRET_VALUE, 4, AwsOperation.GET_PARAMETERS, 2));
    }
  }

  @Test
  void aPodIdentityMountMakesOneAgentCallPerPodWhenCold() {
    CallerIdentity pod = podIdentity("team", "app", "uid-1", AddressPreference.AUTO);
    try (AwsSources sources = Emulated.sources(AWS.emulator());
        SecretMounter mounter = Emulated.mounter(sources)) {
      mounter.mount(mount(3, 12, pod));
      assertThat(count())
          .isEqualTo(
              budget(
                  AwsOperation.GET_SECRET_VALUE, 3,
                  AwsOperation.GET_PARAMETERS, 2,
                  AwsOperation.POD_IDENTITY_CREDENTIALS, 1));
      mounter.mount(mount(3, 12, pod));
      assertThat(count())
          .isEqualTo(budget(AwsOperation.GET_SECRET_VALUE, 3, AwsOperation.GET_PARAMETERS, 2));
    }
  }

  @Test
  void theDefaultChainMakesNoCredentialsCall() {
    try (AwsSources sources = Emulated.sources(AWS.emulator());
        SecretMounter mounter = Emulated.mounter(sources)) {
      mounter.mount(mount(3, 12, CallerIdentity.defaultChain()));
      assertThat(count())
          .isEqualTo(budget(AwsOperation.GET_SECRET_VALUE, 3, AwsOperation.GET_PARAMETERS, 2));
    }
  }
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.LabelParameterVersionResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** The real AWS SDK v2 SSM client against the emulator. */
class AwsEmulatorParameterStoreIT {
  private static final AwsEmulator EMULATOR = AwsEmulator.start();
  private static final Sdk SDK = new Sdk(EMULATOR.endpoint());
  private final SsmClient ssm = SDK.ssm("us-east-1");

  @AfterAll
  static void stop() {
    SDK.close();
    EMULATOR.close();
  }

  @BeforeEach
  void reset() {
    EMULATOR.aws().reset();
  }

  @Test
  void putOverwriteLabelAndSelect() {
    assertThat(
            ssm.putParameter(b -> b.name("/app/p").value("one").type(ParameterType.STRING))
                .version())
        .isEqualTo(1L);
    assertThatThrownBy(
            () -> ssm.putParameter(b -> b.name("/app/p").value("two").type(ParameterType.STRING)))
        .isInstanceOf(ParameterAlreadyExistsException.class);
    assertThat(ssm.putParameter(b -> b.name("/app/p").value("two").overwrite(true)).version())
        .isEqualTo(2L);
    LabelParameterVersionResponse labelled =
        ssm.labelParameterVersion(
            b -> b.name("/app/p").parameterVersion(1L).labels("stable", "1nope"));
    assertThat(labelled.invalidLabels()).containsExactly("1nope");
    assertThat(labelled.parameterVersion()).isEqualTo(1L);

    GetParametersResponse r =
        ssm.getParameters(
            b -> b.names("/app/p:stable", "/app/p", "/app/p:1", "/app/p:9", "/missing"));
    assertThat(r.parameters())
        .extracting(p -> p.name() + "|" + p.selector() + "|" + p.value() + "|" + p.version())
        .containsExactly("/app/p|null|two|2", "/app/p|:1|one|1", "/app/p|:stable|one|1");
    assertThat(r.invalidParameters()).containsExactly("/app/p:9", "/missing");
    Parameter p = r.parameters().get(0);
    assertThat(p.arn()).isEqualTo("arn:aws:ssm:us-east-1:123456789012:parameter/app/p");
    assertThat(p.type()).isEqualTo(ParameterType.STRING);
    assertThat(p.dataType()).isEqualTo("text");
    assertThat(p.lastModifiedDate()).isNotNull();
  }

  @Test
  void arnLookup() {
    EMULATOR.aws().parameterStore("us-east-1").putParameter("/shared/p", "v");
    String arn = "arn:aws:ssm:us-east-1:123456789012:parameter/shared/p";
    GetParametersResponse r = ssm.getParameters(b -> b.names(arn, arn + ":1"));
    assertThat(r.parameters())
        .extracting(p -> p.name() + "|" + p.arn() + "|" + p.selector())
        .containsExactlyInAnyOrder("/shared/p|" + arn + "|null", "/shared/p|" + arn + "|:1");
  }

  @Test
  void secureStringsNeedDecryption() {
    ssm.putParameter(b -> b.name("/s").value("hunter2").type(ParameterType.SECURE_STRING));
    assertThat(ssm.getParameters(b -> b.names("/s")).parameters().get(0).value())
        .doesNotContain("hunter2");
    assertThat(
            ssm.getParameters(b -> b.names("/s").withDecryption(true)).parameters().get(0).value())
        .isEqualTo("hunter2");
    assertThat(ssm.getParameter(b -> b.name("/s").withDecryption(true)).parameter().value())
        .isEqualTo("hunter2");
  }

  @Test
  void atMostTenNames() {
    List<String> eleven = IntStream.range(0, 11).mapToObj(i -> "/n" + i).toList();
    assertThatThrownBy(() -> ssm.getParameters(b -> b.names(eleven)))
        .isInstanceOfSatisfying(
            SsmException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.awsErrorDetails().errorMessage())
                  .contains("Member must have length less than or equal to 10");
            });
  }

  @Test
  void limitsAndValidation() {
    assertThatThrownBy(
            () ->
                ssm.putParameter(
                    b -> b.name("/big").value("x".repeat(4097)).type(ParameterType.STRING)))
        .isInstanceOfSatisfying(
            SsmException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).contains("4096"));
    ssm.putParameter(
        b ->
            b.name("/big")
                .value("x".repeat(8192))
                .type(ParameterType.STRING)
                .tier(ParameterTier.ADVANCED));
    assertThatThrownBy(
            () -> ssm.putParameter(b -> b.name("awsx").value("v").type(ParameterType.STRING)))
        .isInstanceOfSatisfying(
            SsmException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
  }

  @Test
  void getParameterErrors() {
    ssm.putParameter(b -> b.name("/p").value("v").type(ParameterType.STRING_LIST));
    assertThatThrownBy(() -> ssm.getParameter(b -> b.name("/q")))
        .isInstanceOf(ParameterNotFoundException.class);
    assertThatThrownBy(() -> ssm.getParameter(b -> b.name("/p:4")))
        .isInstanceOf(ParameterVersionNotFoundException.class);
    ssm.deleteParameter(b -> b.name("/p"));
    assertThatThrownBy(() -> ssm.deleteParameter(b -> b.name("/p")))
        .isInstanceOf(ParameterNotFoundException.class);
  }
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.PathTranslation;
import io.ascp.api.SecretObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescriptorDecoderTest {
  private static List<SecretObject> parse(String yaml) {
    return ObjectsParser.parse(yaml, PathTranslation.DEFAULT, List.of("us-east-1", "us-west-2"));
  }

  @Test
  void theLongSMatchesAnSInBothSteps() {
    // sigs.k8s.io/yaml folds U+017F to s, so the number is coerced to a string
    List<SecretObject> o =
        parse("- objectName: a\n  objectType: secretsmanager\n  objectAliaſ: 42\n");
    assertThat(o.get(0).objectAlias()).contains("42");
  }

  @Test
  void aKeyOnlyGosNewerFoldingMatchesTakesStringsOnly() {
    // U+0130 lower-cases to i for encoding/json's folding but not for sigs.k8s.io/yaml's
    assertThat(parse("- objectName: a\n  objectType: secretsmanager\n  objectVersİon: v1\n"))
        .first()
        .satisfies(x -> assertThat(x.objectVersion()).contains("v1"));
    assertThatThrownBy(
            () -> parse("- objectName: a\n  objectType: secretsmanager\n  objectVersİon: 7\n"))
        .hasMessage(
            "Failed to load SecretProviderClass: objects[0].objectVersion must be a string, found a"
                + " number at line 3, column 18");
  }

  @Test
  void asciiFoldingOnly() {
    assertThat(DescriptorDecoder.sigsEqualFold("objectName", "OBJECTNAME")).isTrue();
    assertThat(DescriptorDecoder.sigsEqualFold("objectName", "objectNam")).isFalse();
    assertThat(DescriptorDecoder.sigsEqualFold("objectName", "object_ame")).isFalse();
    assertThat(DescriptorDecoder.sigsEqualFold("path", "paTH")).isTrue();
    assertThat(DescriptorDecoder.sigsEqualFold("jmesPath", "jmeſPath")).isTrue();
    assertThat(DescriptorDecoder.sigsEqualFold("path", "paţh")).isFalse();
    assertThat(DescriptorDecoder.goFold("objectAliaſ")).isEqualTo("OBJECTALIAS");
  }

  @Test
  void keysThatBecomeTheSameStringTakeTheLaterOne() {
    List<SecretObject> o =
        parse("- objectName: a\n  objectType: secretsmanager\n  true: x\n  \"true\": y\n");
    assertThat(o).hasSize(1);
  }

  @Test
  void twoSpellingsOfFailoverObjectMerge() {
    List<SecretObject> o =
        parse(
            """
            - objectName: a
              objectType: secretsmanager
              objectAlias: x
              FailoverObject: {objectName: b}
              failoverObject: {objectVersionLabel: L}
            """);
    assertThat(o.get(0).failoverObject())
        .hasValueSatisfying(
            f -> {
              assertThat(f.objectName()).contains("b");
              assertThat(f.objectVersionLabel()).contains("L");
            });
  }

  @Test
  void aLaterNullJmesPathClearsTheList() {
    List<SecretObject> o =
        parse(
            """
            - objectName: a
              objectType: secretsmanager
              JmesPath: [{path: p, objectAlias: u}]
              jmesPath: ~
            """);
    assertThat(o.get(0).jmesPath()).isEmpty();
  }

  @Test
  void aNullJmesPathEntryIsAnEmptyEntry() {
    assertThatThrownBy(() -> parse("- {objectName: a, objectType: secretsmanager, jmesPath: [~]}"))
        .hasMessage("Path must be specified for JMES object");
  }

  @Test
  void infinityUnderAnUnknownKeyOfANestedListFails() {
    assertThatThrownBy(
            () -> parse("- {objectName: a, objectType: secretsmanager, x: [{y: [-.inf]}]}"))
        .hasMessage(
            "Failed to load SecretProviderClass: the value at line 1, column 56 is .nan or .inf,"
                + " which JSON cannot represent");
  }

  @Test
  void aNullKeyReplacedByALaterDuplicateIsForgotten() {
    assertThat(
            parse("- objectName: a\n  objectType: secretsmanager\n  extra: {~: 1}\n  extra: 2\n"))
        .hasSize(1);
  }

  @Test
  void aFloatKeyBecomesItsGoText() {
    assertThat(parse("- {objectName: a, objectType: secretsmanager, 1.5: x, .nan: y}")).hasSize(1);
  }

  @Test
  void aHugeIntegerKeyFails() {
    assertThatThrownBy(
            () -> parse("- {objectName: a, objectType: secretsmanager, 18446744073709551615: x}"))
        .hasMessage(
            "Failed to load SecretProviderClass: the mapping key at line 1, column 47 is a number"
                + " above 9223372036854775807; a key must be a string");
  }
}

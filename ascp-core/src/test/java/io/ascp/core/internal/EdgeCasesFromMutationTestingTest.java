// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.JmesPathEntry;
import io.ascp.api.ObjectType;
import io.ascp.api.PathTranslation;
import io.ascp.api.SecretObject;
import io.ascp.api.ServiceAccountToken;
import io.ascp.core.ParameterParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Assertions that mutation testing (PIT, docs/reliability.md) showed missing: each test kills
 * mutants that survived the rest of the suite.
 */
class EdgeCasesFromMutationTestingTest {
  private static SecretObject.Builder sm(String name) {
    return SecretObject.builder(name, ObjectType.SECRETS_MANAGER);
  }

  @Nested
  class FileModes {
    @Test
    void aCleanDefaultModeGivesNoWarning() {
      FileLayout.Plan plan =
          FileLayout.plan(
              List.of(sm("a").addJmesPath(JmesPathEntry.of("k", "b")).build()),
              PathTranslation.DEFAULT,
              0644);
      assertThat(plan.warnings()).isEmpty();
      assertThat(plan.files()).extracting(PlannedFile::mode).containsExactly(0644, 0644);
    }

    @Test
    void anObjectWithoutEntriesIsReportedToo() {
      FileLayout.Plan plan =
          FileLayout.plan(
              List.of(sm("db").filePermission(04755).build()), PathTranslation.DEFAULT, 0644);
      assertThat(plan.warnings())
          .containsExactly(
              "File permission bits above 0777 are ignored for object db: 04755 becomes 0755");
    }

    @Test
    void modesZeroAnd0777AreKept() {
      FileLayout.Plan plan =
          FileLayout.plan(
              List.of(sm("a").filePermission(0).build(), sm("b").filePermission(0777).build()),
              PathTranslation.DEFAULT,
              0644);
      assertThat(plan.files()).extracting(PlannedFile::mode).containsExactly(0, 0777);
    }
  }

  @Nested
  class AttributesAndTokens {
    @Test
    void attributesAreDecoded() {
      assertThat(ParameterParser.parseAttributes("{\"a\":\"b\",\"c\":null}"))
          .containsExactly(entry("a", "b"), entry("c", ""));
      assertThat(ParameterParser.parseAttributes("null")).isEmpty();
      assertThatThrownBy(() -> ParameterParser.parseAttributes("{\"a\":1}"))
          .isInstanceOfSatisfying(
              AscpException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS))
          .hasMessage(
              "failed to unmarshal attributes, error: json: cannot unmarshal number into Go value"
                  + " of type string");
    }

    @Test
    void tokensAreDecodedWithTheirExpiry() {
      Map<String, ServiceAccountToken> tokens =
          ParameterParser.parseServiceAccountTokens(
              "{\"sts.amazonaws.com\":{\"token\":\"t1\",\"expirationTimestamp\":\"2030-01-01\"},"
                  + "\"pods.eks.amazonaws.com\":{\"token\":\"t2\"}}");
      assertThat(tokens).containsOnlyKeys("sts.amazonaws.com", "pods.eks.amazonaws.com");
      ServiceAccountToken sts = Objects.requireNonNull(tokens.get("sts.amazonaws.com"));
      ServiceAccountToken pod = Objects.requireNonNull(tokens.get("pods.eks.amazonaws.com"));
      assertThat(sts.token()).isEqualTo("t1");
      assertThat(sts.expirationTimestamp()).contains("2030-01-01");
      assertThat(pod.token()).isEqualTo("t2");
      assertThat(pod.expirationTimestamp()).isEmpty();
    }

    @Test
    void missingAndBrokenTokensAreCredentialErrors() {
      assertThatThrownBy(() -> ParameterParser.parseServiceAccountTokens(""))
          .isInstanceOfSatisfying(
              AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIALS))
          .hasMessage(
              "CSI token error: serviceAccount.tokens not provided - ensure tokenRequests is"
                  + " configured in CSIDriver - ensure tokenRequests is configured in CSIDriver"
                  + " spec");
      assertThatThrownBy(
              () -> ParameterParser.parseServiceAccountTokens("{\"a\":{\"token\":\"SECRET"))
          .isInstanceOfSatisfying(
              AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIALS))
          .hasMessageStartingWith("CSI token error: failed to parse serviceAccount.tokens: ")
          .hasMessageEndingWith(" - ensure tokenRequests is configured in CSIDriver spec")
          .hasMessageNotContaining("SECRET");
    }

    @Test
    void tokenSyntaxIsCheckedBeforeDecoding() {
      assertThatThrownBy(() -> GoJsonDecoder.decodeTokens("{\"a\":"))
          .isInstanceOf(GoJsonDecoder.DecodeException.class)
          .hasMessage("unexpected end of JSON input");
    }

    @Test
    void aTokenEntryShowsItsExpiry() {
      assertThat(new GoJsonDecoder.TokenEntry("SECRET", "2030-01-01").toString())
          .isEqualTo("TokenEntry{token=<redacted>, expirationTimestamp=2030-01-01}");
    }
  }

  @Nested
  class PathTranslationValues {
    @Test
    void asciiCharactersUpTo0x7fAreAccepted() {
      assertThat(ParameterParser.parsePathTranslation("\u007f"))
          .isEqualTo(PathTranslation.of('\u007f'));
      assertThatThrownBy(() -> ParameterParser.parsePathTranslation("\u0080"))
          .hasMessage("pathTranslation must be either 'False' or a single character string");
    }

    @Test
    void falseInUpperCaseTurnsTranslationOff() {
      assertThat(ParameterParser.parsePathTranslation("FALSE")).isEqualTo(PathTranslation.DISABLED);
      assertThat(ParameterParser.parsePathTranslation("fAlSe")).isEqualTo(PathTranslation.DISABLED);
    }
  }

  @Nested
  class Arns {
    @Test
    void colonsInTheResourceStayInTheSixthSection() {
      List<SecretObject> objects =
          ObjectsParser.parse(
              "- objectName: \"arn:aws:secretsmanager:us-east-1:123456789012:secret:db:extra\"\n",
              PathTranslation.DEFAULT,
              List.of("us-east-1"));
      assertThat(objects)
          .singleElement()
          .extracting(SecretObject::objectType)
          .isEqualTo(ObjectType.SECRETS_MANAGER);
    }
  }

  @Nested
  class ExtractedText {
    private List<byte[]> extract(String json) {
      SecretObject o = sm("db").addJmesPath(JmesPathEntry.of("a", "b")).build();
      return JsonKeyExtractor.extract(o, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unpairedSurrogatesBecomeTheReplacementCharacter() {
      assertThat(extract("{\"a\":\"x\\ud800y\"}").get(0))
          .containsExactly('x', 0xEF, 0xBF, 0xBD, 'y');
      assertThat(extract("{\"a\":\"\\ude00x\"}").get(0)).containsExactly(0xEF, 0xBF, 0xBD, 'x');
      assertThat(extract("{\"a\":\"x\\ud83d\"}").get(0)).containsExactly('x', 0xEF, 0xBF, 0xBD);
    }

    @Test
    void pairedSurrogatesStayOneCharacter() {
      assertThat(extract("{\"a\":\"\\ud83d\\ude00\\ud800\"}").get(0))
          .containsExactly(0xF0, 0x9F, 0x98, 0x80, 0xEF, 0xBF, 0xBD);
      assertThat(extract("{\"a\":\"\\ud83d\\ude00\"}").get(0))
          .containsExactly(0xF0, 0x9F, 0x98, 0x80);
    }

    @Test
    void noEntriesGiveAFreshEmptyList() {
      List<byte[]> none =
          JsonKeyExtractor.extract(sm("db").build(), "not json".getBytes(StandardCharsets.UTF_8));
      assertThat(none).isEmpty();
      none.add(new byte[0]); // a fresh, mutable list as documented
      assertThat(none).hasSize(1);
    }
  }
}

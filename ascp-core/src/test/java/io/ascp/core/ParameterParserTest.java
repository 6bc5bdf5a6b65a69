// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AddressPreference;
import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountParameters;
import io.ascp.api.PathTranslation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParameterParserTest {
  private static final String OBJECTS = "- objectName: MySecret\n  objectType: secretsmanager\n";

  @Nested
  class Permission {
    @Test
    void theDriversDefault() {
      assertThat(ParameterParser.parsePermission("420")).isEqualTo(0644);
    }

    @Test
    void whitespaceAroundTheNumber() {
      assertThat(ParameterParser.parsePermission(" 384\n")).isEqualTo(0600);
    }

    @Test
    void nullIsZeroAsInGo() {
      assertThat(ParameterParser.parsePermission("null")).isZero();
    }

    @Test
    void theFullUnsigned32BitRange() {
      assertThat(Integer.toUnsignedLong(ParameterParser.parsePermission("4294967295")))
          .isEqualTo(4294967295L);
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
            ''            | unexpected end of JSON input
            0644          | invalid character '6' after top-level value
            00            | invalid character '0' after top-level value
            -             | invalid character ' ' in numeric literal
            1.            | invalid character ' ' after decimal point in numeric literal
            1e            | invalid character ' ' in exponent of numeric literal
            +420          | invalid character '+' looking for beginning of value
            0x1A4         | invalid character 'x' after top-level value
            tru           | invalid character ' ' in literal true (expecting 'e')
            nul           | invalid character ' ' in literal null (expecting 'l')
            [1            | unexpected end of JSON input
            '{"a" 1}'     | invalid character '1' after object key
            '[1 2]'       | invalid character '2' after array element
            '"a'          | unexpected end of JSON input
            '"\\q"'       | invalid character 'q' in string escape code
            '''420'''     | invalid character '\\'' looking for beginning of value
            -1            | json: cannot unmarshal number into Go value of type fs.FileMode
            -0            | json: cannot unmarshal number into Go value of type fs.FileMode
            4.2e2         | json: cannot unmarshal number into Go value of type fs.FileMode
            420.0         | json: cannot unmarshal number into Go value of type fs.FileMode
            4294967296    | json: cannot unmarshal number into Go value of type fs.FileMode
            '"420"'       | json: cannot unmarshal string into Go value of type fs.FileMode
            true          | json: cannot unmarshal bool into Go value of type fs.FileMode
            '{}'          | json: cannot unmarshal object into Go value of type fs.FileMode
            '[420]'       | json: cannot unmarshal array into Go value of type fs.FileMode
            """)
    void goErrorTexts(String json, String goError) {
      assertThatThrownBy(() -> ParameterParser.parsePermission(json))
          .isInstanceOfSatisfying(
              AscpException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS))
          .hasMessage("failed to unmarshal file permission, error: " + goError);
    }

    @Test
    void aControlCharacterIsQuotedAsGoQuotesIt() {
      assertThatThrownBy(() -> ParameterParser.parsePermission("4\u00012"))
          .hasMessage(
              "failed to unmarshal file permission, error: invalid character '\\x01' after"
                  + " top-level value");
    }

    @Test
    void aNonAsciiByteIsShownAsGoShowsIt() {
      // Go quotes the first UTF-8 byte (0xc3) as the Latin-1 character of that value
      assertThatThrownBy(() -> ParameterParser.parsePermission("é"))
          .hasMessage(
              "failed to unmarshal file permission, error: invalid character 'Ã' looking for"
                  + " beginning of value");
    }

    @Test
    void numbersAreNotEchoed() {
      assertThatThrownBy(() -> ParameterParser.parsePermission("-98765432123"))
          .hasMessageNotContaining("98765432123");
    }
  }

  @Nested
  class FailoverRegion {
    @Test
    void emptyMeansNone() {
      assertThat(ParameterParser.failoverRegion("us-east-1", "")).isEmpty();
    }

    @Test
    void aDifferentRegion() {
      assertThat(ParameterParser.failoverRegion("us-east-1", "us-west-2")).contains("us-west-2");
    }

    @Test
    void theSameRegionIsRejected() {
      assertThatThrownBy(() -> ParameterParser.failoverRegion("us-east-1", "us-east-1"))
          .isInstanceOf(AscpException.class)
          .hasMessage("us-east-1: failover region cannot be the same as the primary region");
    }

    @Test
    void comparisonIsExact() {
      assertThat(ParameterParser.failoverRegion("us-east-1", "US-EAST-1")).contains("US-EAST-1");
    }
  }

  @Nested
  class UsePodIdentity {
    @ParameterizedTest
    @ValueSource(strings = {"1", "t", "T", "TRUE", "true", "True"})
    void goTrue(String value) {
      assertThat(ParameterParser.parseUsePodIdentity(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "f", "F", "FALSE", "false", "False"})
    void goFalse(String value) {
      assertThat(ParameterParser.parseUsePodIdentity(value)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
            yes      | "yes"
            tRUE     | "tRUE"
            ' true'  | " true"
            '"x"'    | "\\"x\\""
            """)
    void anythingElseFailsWithGosText(String value, String quoted) {
      assertThatThrownBy(() -> ParameterParser.parseUsePodIdentity(value))
          .isInstanceOf(AscpException.class)
          .hasMessage(
              "failed to parse usePodIdentity value, error: strconv.ParseBool: parsing "
                  + quoted
                  + ": invalid syntax");
    }

    @Test
    void controlCharactersAreEscapedAsGoQuotesThem() {
      assertThatThrownBy(() -> ParameterParser.parseUsePodIdentity("a\nb\u0000\u2028"))
          .hasMessage(
              "failed to parse usePodIdentity value, error: strconv.ParseBool: parsing"
                  + " \"a\\nb\\x00\\u2028\": invalid syntax");
    }
  }

  @Nested
  class PathTranslationParameter {
    @Test
    void emptyMeansUnderscore() {
      assertThat(ParameterParser.parsePathTranslation("")).isEqualTo(PathTranslation.DEFAULT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"False", "false", "FALSE", "fAlSe"})
    void falseInAnyCaseTurnsItOff(String value) {
      assertThat(ParameterParser.parsePathTranslation(value)).isEqualTo(PathTranslation.DISABLED);
    }

    @Test
    void onlyAsciiLettersFoldToFalse() {
      // U+017F (long s) upper-cases to S in Java, but Go's ToLower keeps it: not "false"
      assertThatThrownBy(() -> ParameterParser.parsePathTranslation("fal\u017fe"))
          .hasMessage("pathTranslation must be either 'False' or a single character string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "_", ".", "/", "x"})
    void oneAsciiCharacter(String value) {
      assertThat(ParameterParser.parsePathTranslation(value).replacement())
          .contains(value.charAt(0));
    }

    @Test
    void trueIsNotAKeyword() {
      assertThatThrownBy(() -> ParameterParser.parsePathTranslation("True"))
          .hasMessage("pathTranslation must be either 'False' or a single character string");
    }
  }

  @Nested
  class WholeParameters {
    @Test
    void theJavadocExample() {
      MountParameters parameters =
          ParameterParser.parse(
              Map.of(
                  AttributeKeys.OBJECTS, "- objectName: MySecret\n  objectType: secretsmanager\n"),
              "us-east-1");
      assertThat(parameters.objects()).hasSize(1);
      assertThat(parameters.region()).isEqualTo("us-east-1");
    }

    @Test
    void everyParameter() {
      MountParameters p =
          ParameterParser.parse(
              Map.of(
                  AttributeKeys.OBJECTS, OBJECTS,
                  AttributeKeys.FAILOVER_REGION, "us-west-2",
                  AttributeKeys.PATH_TRANSLATION, "-",
                  AttributeKeys.USE_POD_IDENTITY, "true",
                  AttributeKeys.PREFERRED_ADDRESS_TYPE, "IPv6",
                  AttributeKeys.REGION, "ignored-here"),
              "us-east-1");
      assertThat(p.region()).isEqualTo("us-east-1");
      assertThat(p.failoverRegion()).contains("us-west-2");
      assertThat(p.pathTranslation()).isEqualTo(PathTranslation.of('-'));
      assertThat(p.usePodIdentity()).isTrue();
      assertThat(p.preferredAddressType()).isEqualTo(AddressPreference.IPV6);
      assertThat(p.regions()).containsExactly("us-east-1", "us-west-2");
    }

    @Test
    void missingAttributesAreEmpty() {
      MountParameters p = ParameterParser.parse(Map.of(), "us-east-1");
      assertThat(p)
          .isEqualTo(
              new MountParameters(
                  "us-east-1",
                  Optional.empty(),
                  PathTranslation.DEFAULT,
                  false,
                  AddressPreference.AUTO,
                  List.of()));
    }

    @Test
    void nullValuesReadAsEmpty() {
      Map<String, String> attributes = new HashMap<>();
      attributes.put(AttributeKeys.OBJECTS, null);
      assertThat(ParameterParser.parse(attributes, "us-east-1").objects()).isEmpty();
    }

    @Test
    void theFailoverRegionIsCheckedFirst() {
      assertThatThrownBy(
              () ->
                  ParameterParser.parse(
                      Map.of(
                          AttributeKeys.FAILOVER_REGION, "us-east-1",
                          AttributeKeys.USE_POD_IDENTITY, "maybe",
                          AttributeKeys.PATH_TRANSLATION, "ab",
                          AttributeKeys.OBJECTS, "{{"),
                      "us-east-1"))
          .hasMessage("us-east-1: failover region cannot be the same as the primary region");
    }

    @Test
    void thenUsePodIdentity() {
      assertThatThrownBy(
              () ->
                  ParameterParser.parse(
                      Map.of(
                          AttributeKeys.USE_POD_IDENTITY, "maybe",
                          AttributeKeys.PATH_TRANSLATION, "ab",
                          AttributeKeys.OBJECTS, "{{"),
                      "us-east-1"))
          .hasMessageStartingWith("failed to parse usePodIdentity value");
    }

    @Test
    void thenObjects() {
      assertThatThrownBy(
              () -> ParameterParser.parse(Map.of(AttributeKeys.OBJECTS, "{{"), "us-east-1"))
          .hasMessageStartingWith("Failed to load SecretProviderClass: ");
    }

    @Test
    void theFailoverRegionReachesObjectValidation() {
      String objects =
          OBJECTS + "  objectAlias: s\n  failoverObject:\n    objectName: OtherSecret\n";
      assertThat(
              ParameterParser.parse(
                      Map.of(
                          AttributeKeys.OBJECTS,
                          objects,
                          AttributeKeys.FAILOVER_REGION,
                          "eu-west-1"),
                      "us-east-1")
                  .objects())
          .hasSize(1);
      assertThatThrownBy(
              () -> ParameterParser.parse(Map.of(AttributeKeys.OBJECTS, objects), "us-east-1"))
          .hasMessage("failover object allowed only when failover region is defined: MySecret");
    }

    @Test
    void anEmptyPrimaryRegionIsAnError() {
      assertThatThrownBy(() -> ParameterParser.parse(Map.of(), ""))
          .isInstanceOfSatisfying(
              AscpException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS))
          .hasMessage("No region: set the region parameter, or resolve the region before parsing");
    }

    @Test
    void regionsMustBeOneOrTwo() {
      assertThatThrownBy(
              () -> ParameterParser.parseObjects(OBJECTS, PathTranslation.DEFAULT, List.of()))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void echoedIdentifiersStayOnOneLine() {
      assertThatThrownBy(
              () ->
                  ParameterParser.parseObjects(
                      "- objectName: \"a\\nb\\u2028c\\u0085\"\n",
                      PathTranslation.DEFAULT,
                      List.of("us-east-1")))
          .hasMessage("Must use objectType when a full ARN is not specified: a\\nb\\u2028c\\x85");
    }

    @Test
    void regionsAreEchoedEscaped() {
      assertThatThrownBy(() -> ParameterParser.failoverRegion("r\n1", "r\n1"))
          .hasMessage("r\\n1: failover region cannot be the same as the primary region");
    }

    @Test
    void parsingIsRepeatableAndStateless() {
      Map<String, String> a = Map.of(AttributeKeys.OBJECTS, OBJECTS);
      assertThat(ParameterParser.parse(a, "us-east-1"))
          .isEqualTo(ParameterParser.parse(a, "us-east-1"));
    }
  }

  @Nested
  class WithoutARegion {
    private static final String ARN =
        "arn:aws:secretsmanager:eu-west-1:111122223333:secret:MySecret-AbCdEf";

    @Test
    void withARegionItIsParse() {
      Map<String, String> a = Map.of(AttributeKeys.OBJECTS, OBJECTS);
      assertThat(ParameterParser.parseObjects(a, Optional.of("us-east-1")))
          .isEqualTo(ParameterParser.parse(a, "us-east-1").objects());
      Map<String, String> arn = Map.of(AttributeKeys.OBJECTS, "- objectName: " + ARN + "\n");
      assertThatThrownBy(() -> ParameterParser.parseObjects(arn, Optional.of("us-east-1")))
          .hasMessage("ARN region must match region us-east-1: " + ARN);
    }

    @Test
    void theArnRegionOfAnObjectIsNotChecked() {
      Map<String, String> arn = Map.of(AttributeKeys.OBJECTS, "- objectName: " + ARN + "\n");
      assertThat(ParameterParser.parseObjects(arn, Optional.empty()))
          .singleElement()
          .satisfies(o -> assertThat(o.objectName()).isEqualTo(ARN));
    }

    @Test
    void aFailoverRegionMayBeAnything() {
      Map<String, String> a =
          Map.of(AttributeKeys.OBJECTS, OBJECTS, AttributeKeys.FAILOVER_REGION, "us-east-1");
      assertThat(ParameterParser.parseObjects(a, Optional.empty())).hasSize(1);
    }

    @Test
    void theFailoverObjectsArnIsStillCheckedAgainstTheFailoverRegion() {
      String objects =
          OBJECTS + "  objectAlias: s\n  failoverObject:\n    objectName: " + ARN + "\n";
      Map<String, String> a =
          Map.of(AttributeKeys.OBJECTS, objects, AttributeKeys.FAILOVER_REGION, "us-west-2");
      assertThatThrownBy(() -> ParameterParser.parseObjects(a, Optional.empty()))
          .hasMessage("ARN region must match region us-west-2: " + ARN);
      assertThatThrownBy(
              () ->
                  ParameterParser.parseObjects(
                      Map.of(AttributeKeys.OBJECTS, objects), Optional.empty()))
          .hasMessage("failover object allowed only when failover region is defined: MySecret");
    }

    @Test
    void everyOtherCheckRunsInTheReferencesOrder() {
      assertThatThrownBy(
              () ->
                  ParameterParser.parseObjects(
                      Map.of(
                          AttributeKeys.USE_POD_IDENTITY, "maybe",
                          AttributeKeys.PATH_TRANSLATION, "ab",
                          AttributeKeys.OBJECTS, "{{"),
                      Optional.empty()))
          .hasMessageStartingWith("failed to parse usePodIdentity value");
      assertThatThrownBy(
              () ->
                  ParameterParser.parseObjects(
                      Map.of(AttributeKeys.PATH_TRANSLATION, "ab", AttributeKeys.OBJECTS, "{{"),
                      Optional.empty()))
          .hasMessage("pathTranslation must be either 'False' or a single character string");
      assertThatThrownBy(
              () ->
                  ParameterParser.parseObjects(
                      Map.of(
                          AttributeKeys.OBJECTS, "- objectName: x\n  objectType: SecretsManager\n"),
                      Optional.empty()))
          .hasMessage("Invalid objectType: SecretsManager");
    }

    @Test
    void theFilesCanBePlanned() {
      Map<String, String> a =
          Map.of(
              AttributeKeys.OBJECTS,
              "- objectName: /a/b\n  objectType: ssmparameter\n  filePermission: \"0600\"\n",
              AttributeKeys.PATH_TRANSLATION,
              "-");
      List<FilePlan> files =
          SecretMounter.plan(
              ParameterParser.parseObjects(a, Optional.empty()), PathTranslation.of('-'), 0644);
      assertThat(files)
          .containsExactly(
              new FilePlan(
                  "-a-b", 0600, "/a/b", io.ascp.api.ObjectType.SSM_PARAMETER, Optional.empty()));
    }
  }
}

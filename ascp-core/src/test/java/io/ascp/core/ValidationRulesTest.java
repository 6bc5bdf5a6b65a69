// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.ObjectType;
import io.ascp.api.PathTranslation;
import io.ascp.api.SecretObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One test per validation rule, asserting its exact message: the reference provider's rules
 * (reference §3.3 to §3.5, in its order) and ascp-java's file-name rules (DESIGN §6.4).
 */
class ValidationRulesTest {
  private static final String SM_ARN =
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";
  private static final String SM_ARN_WEST =
      "arn:aws:secretsmanager:us-west-2:123456789012:secret:db-AbCdEf";
  private static final List<String> ONE_REGION = List.of("us-east-1");
  private static final List<String> TWO_REGIONS = List.of("us-east-1", "us-west-2");

  static List<SecretObject> parse(String yaml) {
    return parse(yaml, PathTranslation.DEFAULT, ONE_REGION);
  }

  static List<SecretObject> parse(String yaml, PathTranslation t, List<String> regions) {
    return ParameterParser.parseObjects(yaml, t, regions);
  }

  static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(
      String yaml, PathTranslation t, List<String> regions, String message) {
    return assertThatThrownBy(() -> parse(yaml, t, regions))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS))
        .hasMessage(message);
  }

  static void assertRejected(String yaml, String message) {
    assertRejected(yaml, PathTranslation.DEFAULT, ONE_REGION, message);
  }

  static String sm(String name, String... more) {
    StringBuilder b =
        new StringBuilder("- objectName: \"")
            .append(name)
            .append("\"\n  objectType: secretsmanager\n");
    for (String line : more) {
      b.append("  ").append(line).append('\n');
    }
    return b.toString();
  }

  @Nested
  class PathTranslationRule {
    @Test
    void twoCharactersAreRejected() {
      assertThatThrownBy(() -> ParameterParser.parsePathTranslation("__"))
          .hasMessage("pathTranslation must be either 'False' or a single character string");
    }

    @Test
    void aMultiByteCharacterIsRejectedBecauseLengthCountsBytes() {
      assertThatThrownBy(() -> ParameterParser.parsePathTranslation("é"))
          .isInstanceOf(AscpException.class)
          .hasMessage("pathTranslation must be either 'False' or a single character string");
    }

    @Test
    void itIsCheckedBeforeObjects() {
      assertThatThrownBy(
              () ->
                  ParameterParser.parse(
                      Map.of(AttributeKeys.PATH_TRANSLATION, "ab", AttributeKeys.OBJECTS, "{{{"),
                      "us-east-1"))
          .hasMessage("pathTranslation must be either 'False' or a single character string");
    }
  }

  @Nested
  class LoadRules {
    @Test
    void brokenYamlIsAFailedLoadWithAPosition() {
      assertRejected(
          "- objectName: a\n  objectType: [secretsmanager\n",
          "Failed to load SecretProviderClass: objects is not valid YAML: syntax error at line 3,"
              + " column 1");
    }

    @Test
    void aNullEntryIsAnEmptyDescriptor() {
      assertRejected(sm("a") + "- ~\n", "Empty descriptor entry in SecretProviderClass");
    }

    @Test
    void anEarlierEntrysErrorWinsOverALaterNullEntry() {
      assertRejected("- objectName: \"\"\n- ~\n", "Object name must be specified");
    }
  }

  @Nested
  class DescriptorRules {
    @Test
    void objectNameMustBeSpecified() {
      assertRejected("- objectType: secretsmanager\n", "Object name must be specified");
    }

    @Test
    void invalidArnFormat() {
      assertRejected("- objectName: \"arn::\"\n", "Invalid ARN format in object name: arn::");
    }

    @Test
    void anArnNeedsSixSections() {
      assertRejected(
          "- objectName: \"arn:aws:secretsmanager:us-east-1:123\"\n",
          "Invalid ARN format in object name: arn:aws:secretsmanager:us-east-1:123");
    }

    @Test
    void arnRegionMustMatchThePrimaryRegion() {
      assertRejected(
          "- objectName: \"" + SM_ARN_WEST + "\"\n",
          "ARN region must match region us-east-1: " + SM_ARN_WEST);
    }

    @Test
    void objectTypeIsNeededWithoutAnArn() {
      assertRejected(
          "- objectName: MySecret\n",
          "Must use objectType when a full ARN is not specified: MySecret");
    }

    @Test
    void theArnServiceMustBeKnown() {
      assertRejected(
          "- objectName: \"arn:aws:s3:us-east-1:123456789012:bucket\"\n",
          "Invalid service in ARN: s3");
    }

    @Test
    void objectTypeIsCaseSensitive() {
      assertRejected(
          "- objectName: a\n  objectType: SecretsManager\n", "Invalid objectType: SecretsManager");
    }

    @Test
    void ssmIsNotAnObjectType() {
      assertRejected("- objectName: a\n  objectType: ssm\n", "Invalid objectType: ssm");
    }

    @Test
    void objectTypeMustMatchTheArn() {
      assertRejected(
          "- objectName: \"" + SM_ARN + "\"\n  objectType: ssmparameter\n",
          "objectType does not match ARN: " + SM_ARN);
    }

    @Test
    void ssmParameterMatchesAnUnknownArnServiceAsTheReferenceDoes() {
      List<SecretObject> objects =
          parse(
              """
              - objectName: "arn:aws:bad:us-east-1:123456789012:parameter/x"
                objectType: ssmparameter
                objectAlias: x
              """);
      assertThat(objects.get(0).objectType()).isEqualTo(ObjectType.SSM_PARAMETER);
    }

    @Test
    void anSsmArnServiceMeansParameterStore() {
      List<SecretObject> objects =
          parse(
              """
              - objectName: "arn:aws:ssm:us-east-1:123456789012:parameter/x"
                objectAlias: x
              """);
      assertThat(objects.get(0).objectType()).isEqualTo(ObjectType.SSM_PARAMETER);
    }

    @Test
    void ssmCannotTakeBothVersionAndLabel() {
      assertRejected(
          """
          - objectName: p
            objectType: ssmparameter
            objectVersion: "2"
            objectVersionLabel: L
          """,
          "ssm parameters can not specify both objectVersion and objectVersionLabel: p");
    }

    @Test
    void secretsManagerTakesBothVersionAndLabel() {
      assertThat(parse(sm("s", "objectVersion: v1", "objectVersionLabel: AWSCURRENT"))).hasSize(1);
    }

    @Test
    void traversalIsRejectedWithTheObjectNameEvenWhenTheAliasIsTheCulprit() {
      assertRejected(
          sm("MySecret", "objectAlias: ../etc/passwd"),
          PathTranslation.DISABLED,
          ONE_REGION,
          "path can not contain ../: MySecret");
    }

    @Test
    void traversalInsideAPathIsRejected() {
      assertRejected(
          sm("a/../b"), PathTranslation.DISABLED, ONE_REGION, "path can not contain ../: a/../b");
    }

    @Test
    void traversalAtTheEndIsRejected() {
      assertRejected(
          sm("a/.."), PathTranslation.DISABLED, ONE_REGION, "path can not contain ../: a/..");
    }

    @Test
    void filePermissionMustBeFourOctalDigits() {
      assertRejected(sm("a", "filePermission: \"777\""), "Invalid File Permission: 777");
      assertRejected(sm("a", "filePermission: \"0888\""), "Invalid File Permission: 0888");
    }

    @Test
    void jmesPathNeedsAPath() {
      assertRejected(
          sm("a", "jmesPath:", "  - objectAlias: user"), "Path must be specified for JMES object");
    }

    @Test
    void jmesPathNeedsAnAlias() {
      assertRejected(
          sm("a", "jmesPath:", "  - path: username"),
          "Object alias must be specified for JMES object");
    }

    @Test
    void jmesPathPermissionIsChecked() {
      assertRejected(
          sm("a", "jmesPath:", "  - path: u", "    objectAlias: user", "    filePermission: rw"),
          "Invalid File Permission: rw");
    }

    @Test
    void jmesEntriesAreCheckedInOrderEachCompletely() {
      assertRejected(
          sm(
              "a",
              "jmesPath:",
              "  - path: u",
              "    objectAlias: user",
              "    filePermission: \"9\"",
              "  - objectAlias: other"),
          "Invalid File Permission: 9");
    }

    @Test
    void theObjectPermissionIsCheckedBeforeJmesPath() {
      assertRejected(
          sm("a", "filePermission: x", "jmesPath:", "  - objectAlias: user"),
          "Invalid File Permission: x");
    }

    @Test
    void failoverNeedsAnAlias() {
      assertRejected(
          "- objectName: \""
              + SM_ARN
              + "\"\n  failoverObject:\n    objectName: \""
              + SM_ARN_WEST
              + "\"\n",
          PathTranslation.DEFAULT,
          TWO_REGIONS,
          "object alias must be specified for objects with failover entries: " + SM_ARN);
    }

    @Test
    void failoverNeedsAFailoverRegion() {
      assertRejected(
          sm("a", "objectAlias: x", "failoverObject:", "  objectName: b"),
          "failover object allowed only when failover region is defined: a");
    }

    @Test
    void failoverArnMustBeInTheFailoverRegion() {
      assertRejected(
          "- objectName: \""
              + SM_ARN
              + "\"\n  objectAlias: db\n  failoverObject:\n    objectName: \""
              + SM_ARN
              + "\"\n",
          PathTranslation.DEFAULT,
          TWO_REGIONS,
          "ARN region must match region us-west-2: " + SM_ARN);
    }

    @Test
    void failoverNameWithoutAnObjectTypeMustBeAnArn() {
      assertRejected(
          "- objectName: \""
              + SM_ARN
              + "\"\n  objectAlias: db\n  failoverObject:\n    objectName: plain\n",
          PathTranslation.DEFAULT,
          TWO_REGIONS,
          "Must use objectType when a full ARN is not specified: plain");
    }

    @Test
    void failoverSsmCannotTakeBothVersionAndLabel() {
      assertRejected(
          """
          - objectName: p
            objectType: ssmparameter
            objectAlias: p
            failoverObject:
              objectName: q
              objectVersion: "1"
              objectVersionLabel: L
          """,
          PathTranslation.DEFAULT,
          TWO_REGIONS,
          "ssm parameters can not specify both objectVersion and objectVersionLabel: p");
    }

    @Test
    void failoverVersionMustMatch() {
      assertRejected(
          sm("a", "objectAlias: x", "objectVersion: v1", "failoverObject:", "  objectName: b"),
          PathTranslation.DEFAULT,
          TWO_REGIONS,
          "object versions must match between primary and failover regions: a");
    }

    @Test
    void aFailoverObjectWithoutANameIsNotValidatedButKept() {
      List<SecretObject> objects =
          parse(sm("a", "failoverObject:", "  objectVersionLabel: L", "  objectVersion: v9"));
      assertThat(objects.get(0).failoverObject())
          .hasValueSatisfying(f -> assertThat(f.objectVersionLabel()).contains("L"));
    }

    @Test
    void theRulesRunInTheReferenceOrder() {
      // an invalid objectType (rule 2) wins over traversal (4) and a bad permission (5)
      assertRejected(
          "- objectName: ../x\n  objectType: bad\n  filePermission: x\n",
          PathTranslation.DISABLED,
          ONE_REGION,
          "Invalid objectType: bad");
    }
  }

  @Nested
  class ListRules {
    @Test
    void duplicateNameAndAliasWithoutLabels() {
      assertRejected(
          sm("a", "objectAlias: x") + sm("a", "objectAlias: x"),
          "found descriptor with duplicate object name a, duplicate object alias x, and no version"
              + " label");
    }

    @Test
    void duplicateNameAndLabelWithoutAliases() {
      assertRejected(
          sm("a", "objectVersionLabel: L") + sm("a", "objectVersionLabel: L"),
          "found descriptor with duplicate object name a, no object alias, and duplicate version"
              + " label L");
    }

    @Test
    void duplicateNameAliasAndLabel() {
      assertRejected(
          sm("a", "objectAlias: x", "objectVersionLabel: L")
              + sm("a", "objectAlias: x", "objectVersionLabel: L"),
          "found descriptor with duplicate object name a, duplicate object alias x, and duplicate"
              + " version label L");
    }

    @Test
    void duplicateNameWithoutAliasOrLabel() {
      assertRejected(
          sm("a") + sm("a"),
          "found descriptor with duplicate object name a, no object alias, and no version label");
    }

    @Test
    void duplicateNamesCompareWithTheLastOneSeen() {
      // the third matches the first (case 4) but is compared with the second, which has a label
      List<SecretObject> objects =
          parse(
              sm("a")
                  + sm("a", "objectAlias: b", "objectVersionLabel: L")
                  + sm("a", "objectAlias: c"));
      assertThat(objects).hasSize(3);
    }

    @Test
    void duplicateAlias() {
      assertRejected(
          sm("a", "objectAlias: x") + sm("b", "objectAlias: x"), "found duplicate object alias x");
    }

    @Test
    void anAliasTakenByAnEarlierJmesPathEntry() {
      assertRejected(
          sm("a", "jmesPath:", "  - path: p", "    objectAlias: x") + sm("b", "objectAlias: x"),
          "found duplicate object alias x");
    }

    @Test
    void aJmesPathAliasAlreadyInUse() {
      assertRejected(
          sm("a", "objectAlias: x", "jmesPath:", "  - path: p", "    objectAlias: x"),
          "Name already in use for objectAlias: found duplicate object alias x in JMES path entry"
              + " p");
    }

    @Test
    void theReferenceRulesOfALaterObjectWinOverOurRulesOfAnEarlierOne() {
      // Object 1 collides with nothing yet but its file name is unsafe (ours); object 2 breaks a
      // reference rule: the reference's message comes first, as the reference would report it.
      assertRejected(
          sm("a", "objectAlias: \".\"") + "- objectName: b\n",
          "Must use objectType when a full ARN is not specified: b");
    }
  }

  @Nested
  class FileNameRules {
    @Test
    void anAliasCollidingWithAnImplicitName() {
      assertRejected(
          sm("a") + sm("b", "objectAlias: a"),
          "File name collision: object b and object a both produce the file \"a\"");
    }

    @Test
    void namesCollidingAfterTranslation() {
      assertRejected(
          sm("a/b") + sm("a_b"),
          "File name collision: object a_b and object a/b both produce the file \"a_b\"");
    }

    @Test
    void aJmesAliasCollidingWithAnImplicitName() {
      assertRejected(
          sm("a", "jmesPath:", "  - path: p", "    objectAlias: b") + sm("b"),
          "File name collision: object b and jmesPath entry p of object a both produce the file"
              + " \"b\"");
    }

    @Test
    void theSameNameWithDifferentLabelsAndNoAlias() {
      assertRejected(
          sm("a", "objectVersionLabel: L1") + sm("a", "objectVersionLabel: L2"),
          "File name collision: object a and object a both produce the file \"a\"");
    }

    @Test
    void aFileWhereAnotherNeedsADirectory() {
      assertRejected(
          sm("a") + sm("a/b"),
          PathTranslation.DISABLED,
          ONE_REGION,
          "File name collision: object a/b needs \"a\" as a directory for the file \"a/b\", but"
              + " object a produces a file of that name");
    }

    @Test
    void aDirectoryWhereAnotherNeedsAFile() {
      assertRejected(
          sm("a/b") + sm("a"),
          PathTranslation.DISABLED,
          ONE_REGION,
          "File name collision: object a produces the file \"a\", which object a/b needs as a"
              + " directory");
    }

    @Test
    void filesInOneDirectoryAreFine() {
      assertThat(parse(sm("d/a") + sm("/d/b"), PathTranslation.DISABLED, ONE_REGION)).hasSize(2);
    }

    @Test
    void anAbsolutePath() {
      assertRejected(
          sm("/etc/x"),
          PathTranslation.of('/'),
          ONE_REGION,
          "Invalid file name \"/etc/x\" of object /etc/x: it is an absolute path");
    }

    @Test
    void anEmptyName() {
      assertRejected(
          sm("a", "objectAlias: /"),
          PathTranslation.DISABLED,
          ONE_REGION,
          "Invalid file name of object a: the name is empty");
    }

    @Test
    void anEmptyElement() {
      assertRejected(
          sm("a//b"),
          PathTranslation.DISABLED,
          ONE_REGION,
          "Invalid file name \"a//b\" of object a//b: it has an empty path element");
    }

    @Test
    void aTrailingSlash() {
      assertRejected(
          sm("a/"),
          PathTranslation.DISABLED,
          ONE_REGION,
          "Invalid file name \"a/\" of object a/: it has an empty path element");
    }

    @Test
    void aDotElement() {
      assertRejected(
          sm("a/./b"),
          PathTranslation.DISABLED,
          ONE_REGION,
          "Invalid file name \"a/./b\" of object a/./b: it has a \".\" path element");
    }

    @Test
    void aDotName() {
      assertRejected(
          sm("a", "objectAlias: \".\""),
          "Invalid file name \".\" of object a: it has a \".\" path element");
    }

    @Test
    void aBareDotDotKeepsTheReferencePhrase() {
      assertRejected(
          sm("a", "objectAlias: \"..\""),
          "path can not contain ../: a (file name \"..\" of object a)");
    }

    @Test
    void aTranslationCharacterThatMakesDotDot() {
      assertRejected(
          sm("/."),
          PathTranslation.of('.'),
          ONE_REGION,
          "path can not contain ../: /. (file name \"..\" of object /.)");
    }

    @Test
    void aJmesPathAliasTraversal() {
      assertRejected(
          sm("a", "jmesPath:", "  - path: p", "    objectAlias: ../../etc/x"),
          PathTranslation.DISABLED,
          ONE_REGION,
          "path can not contain ../: a (file name \"../../etc/x\" of jmesPath entry p of object"
              + " a)");
    }

    @Test
    void aControlCharacter() {
      assertRejected(
          sm("a", "objectAlias: \"x\\ty\""),
          "Invalid file name \"x\\ty\" of object a: it contains a control character");
    }

    @Test
    void anElementLongerThan255Bytes() {
      String element = "é".repeat(128); // 256 bytes, 128 characters
      assertRejected(
          sm("a", "objectAlias: " + element),
          "Invalid file name \""
              + element
              + "\" of object a: it has a path element longer than 255 bytes");
    }

    @Test
    void anElementOf255BytesIsFine() {
      assertThat(parse(sm("a", "objectAlias: " + "x".repeat(255)))).hasSize(1);
    }

    @Test
    void aNameLongerThan4096Bytes() {
      String name = ("x".repeat(200) + "/").repeat(20) + "y".repeat(100); // 4120 bytes
      assertRejected(
          sm(name),
          PathTranslation.DISABLED,
          ONE_REGION,
          "Invalid file name \""
              + "x".repeat(100)
              + "\"... (4120 bytes) of object "
              + name
              + ": it is longer than 4096 bytes");
    }

    @Test
    void aNameOfExactly4096BytesIsFineAndOneMoreByteIsNot() {
      String prefix = ("x".repeat(254) + "/").repeat(16); // 4080 bytes, elements of 254 bytes
      String exact = prefix + "y".repeat(16);
      assertThat(exact.getBytes(StandardCharsets.UTF_8)).hasSize(4096);
      assertThat(parse(sm(exact), PathTranslation.DISABLED, ONE_REGION)).hasSize(1);
      String over = prefix + "y".repeat(17);
      assertRejected(
          sm(over),
          PathTranslation.DISABLED,
          ONE_REGION,
          "Invalid file name \""
              + "x".repeat(100)
              + "\"... (4097 bytes) of object "
              + over
              + ": it is longer than 4096 bytes");
    }
  }
}

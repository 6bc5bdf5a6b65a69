// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.PathTranslation;
import io.ascp.api.SecretObject;
import io.ascp.core.internal.GoValue.GoBool;
import io.ascp.core.internal.GoValue.GoFloat;
import io.ascp.core.internal.GoValue.GoInt;
import io.ascp.core.internal.GoValue.GoList;
import io.ascp.core.internal.GoValue.GoMap;
import io.ascp.core.internal.GoValue.GoNull;
import io.ascp.core.internal.GoValue.GoStr;
import io.ascp.core.internal.GoValue.GoUint;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GoYamlTest {
  private static List<SecretObject> parse(String yaml) {
    return ObjectsParser.parse(yaml, PathTranslation.DEFAULT, List.of("us-east-1"));
  }

  private static GoValue value(String scalar) {
    GoMap map = (GoMap) GoYaml.load("v: " + scalar);
    return map.entries().get(0).value();
  }

  private static void assertLoadFailure(String yaml, String description) {
    assertThatThrownBy(() -> GoYaml.load(yaml))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS))
        .hasMessage("Failed to load SecretProviderClass: " + description);
  }

  @Nested
  class Resolution {
    @Test
    void goTypes() {
      assertThat(value("0644"))
          .isInstanceOfSatisfying(GoInt.class, i -> assertThat(i.value()).isEqualTo(420));
      assertThat(value("0900"))
          .isInstanceOfSatisfying(GoFloat.class, f -> assertThat(f.value()).isEqualTo(900.0));
      assertThat(value("9223372036854775808"))
          .isInstanceOfSatisfying(
              GoUint.class, u -> assertThat(u.bits()).isEqualTo(Long.MIN_VALUE));
      assertThat(value("off"))
          .isInstanceOfSatisfying(GoBool.class, b -> assertThat(b.value()).isFalse());
      assertThat(value("~")).isInstanceOf(GoNull.class);
      assertThat(value("'~'")).isInstanceOf(GoStr.class);
      assertThat(value("0b-1"))
          .isInstanceOfSatisfying(GoInt.class, i -> assertThat(i.value()).isEqualTo(-1));
      assertThat(value("-0b11"))
          .isInstanceOfSatisfying(GoInt.class, i -> assertThat(i.value()).isEqualTo(-3));
    }

    @Test
    void integersBeyond64BitsInOtherBasesStayText() {
      assertThat(value("0x1FFFFFFFFFFFFFFFFF"))
          .isEqualTo(new GoStr("0x1FFFFFFFFFFFFFFFFF", new Position(1, 4)));
    }

    @Test
    void explicitTimestamps() {
      assertThat(value("!!timestamp 2001-12-14t21:59:43.10Z")).isInstanceOf(GoStr.class);
      assertThat(value("!!timestamp 2001-2-3 4:5:6")).isInstanceOf(GoStr.class);
      assertLoadFailure(
          "v: !!timestamp 2001-02-30",
          "the value at line 1, column 4 does not match its explicit tag");
      assertLoadFailure(
          "v: !!timestamp 2001-12-14T21:59:43",
          "the value at line 1, column 4 does not match its explicit tag");
    }

    @Test
    void unknownTagsKeepTheText() {
      assertThat(value("!custom 0644")).isEqualTo(new GoStr("0644", new Position(1, 4)));
      assertThat(value("!!map 1")).isEqualTo(new GoStr("1", new Position(1, 4)));
    }

    @Test
    void aFloatTagTurnsAnIntegerIntoAFloat() {
      assertThat(value("!!float 0x10")).isEqualTo(new GoFloat(16, new Position(1, 4)));
      assertLoadFailure(
          "v: !!float 18446744073709551615",
          "the value at line 1, column 4 does not match its explicit tag");
    }
  }

  @Nested
  class Documents {
    @Test
    void onlyTheFirstDocumentIsRead() {
      assertThat(GoYaml.load("---\nhello\n...\n}not yaml")).isInstanceOf(GoStr.class);
    }

    @Test
    void anEmptyDocumentIsNull() {
      assertThat(GoYaml.load("---\n")).isInstanceOf(GoNull.class);
      assertThat(GoYaml.load("   \n# c\n")).isInstanceOf(GoNull.class);
    }

    @Test
    void aRepeatedKeyKeepsItsPlaceAndTakesTheLastValue() {
      GoMap map = (GoMap) GoYaml.load("a: 1\nb: 2\na: 3");
      assertThat(map.entries())
          .extracting(e -> ((GoStr) e.key()).value(), e -> ((GoInt) e.value()).value())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("a", 3L),
              org.assertj.core.groups.Tuple.tuple("b", 2L));
    }

    @Test
    void mergedKeysOverrideEarlierKeysAndYieldToLaterOnes() {
      // go-yaml v2 sets merged keys in place: unlike the YAML spec, they override earlier keys
      GoMap map = (GoMap) GoYaml.load("base: &b {p: 1, q: 1}\nm: {p: 2, <<: *b, q: 3}");
      GoMap m = (GoMap) map.entries().get(1).value();
      assertThat(m.entries())
          .extracting(e -> ((GoStr) e.key()).value(), e -> ((GoInt) e.value()).value())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("p", 1L),
              org.assertj.core.groups.Tuple.tuple("q", 3L));
    }

    @Test
    void inAListOfMergedMappingsTheEarlierWins() {
      GoMap map = (GoMap) GoYaml.load("a: &a {x: 1}\nb: &b {x: 2}\nm: {<<: [*a, *b]}");
      GoMap m = (GoMap) map.entries().get(2).value();
      assertThat(((GoInt) m.entries().get(0).value()).value()).isEqualTo(1);
    }

    @Test
    void aQuotedMergeKeyIsAnOrdinaryKey() {
      GoMap map = (GoMap) GoYaml.load("'<<': {x: 1}");
      assertThat(map.entries().get(0).key()).isEqualTo(new GoStr("<<", new Position(1, 1)));
    }

    @Test
    void mergingAScalarFails() {
      assertLoadFailure(
          "a: &a x\nb: {<<: *a}",
          "the merge key (<<) at line 2, column 9 needs a mapping, an alias of a mapping, or a"
              + " list of them");
    }

    @Test
    void aliasesOfDescriptors() {
      List<SecretObject> objects =
          parse(
              "- &s {objectName: a, objectType: secretsmanager, objectAlias: x1}\n- {<<: *s, objectAlias: x2}");
      assertThat(objects)
          .extracting(o -> o.objectAlias().orElseThrow())
          .containsExactly("x1", "x2");
    }
  }

  @Nested
  class Limits {
    @Test
    void anAliasBombFailsFast() {
      StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
      for (int i = 1; i < 10; i++) {
        bomb.append("a").append(i).append(": &a").append(i).append(" [");
        for (int j = 0; j < 10; j++) {
          bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
        }
        bomb.append("]\n");
      }
      assertThatThrownBy(() -> GoYaml.load(bomb.toString()))
          .isInstanceOf(AscpException.class)
          .hasMessageStartingWith(
              "Failed to load SecretProviderClass: objects expands to more than 250000 values"
                  + " through aliases");
    }

    @Test
    void deepNestingFails() {
      String deep = "[".repeat(10_000) + "]".repeat(10_000);
      assertLoadFailure(deep, "objects is nested deeper than 64 levels (at line 1, column 65)");
    }

    @Test
    void sixtyFourLevelsAreFine() {
      assertThat(GoYaml.load("[".repeat(64) + "]".repeat(64))).isInstanceOf(GoList.class);
    }

    @Test
    void deepNestingThroughAliasesFails() {
      StringBuilder yaml = new StringBuilder("a0: &a0 " + "[".repeat(30) + "]".repeat(30) + "\n");
      for (int i = 1; i < 4; i++) {
        yaml.append("a").append(i).append(": &a").append(i).append(' ');
        yaml.append("[".repeat(30)).append("*a").append(i - 1).append("]".repeat(30)).append('\n');
      }
      assertThatThrownBy(() -> GoYaml.load(yaml.toString()))
          .hasMessageContaining("nested deeper than 64 levels after alias expansion");
    }

    @Test
    void tooManyAliases() {
      String yaml = "a: &a x\nb: [" + "*a, ".repeat(10_001) + "]";
      assertThatThrownBy(() -> GoYaml.load(yaml))
          .hasMessageStartingWith(
              "Failed to load SecretProviderClass: objects has more than 10000 aliases");
    }

    @Test
    void tooLong() {
      String yaml = "#".repeat(GoYaml.MAX_CHARS + 1);
      assertLoadFailure(
          yaml, "objects is 2097153 characters long; the limit is 2097152 characters");
    }

    @Test
    void controlCharactersAreASyntaxError() {
      assertThatThrownBy(() -> GoYaml.load("a: b\u0001"))
          .hasMessageStartingWith("Failed to load SecretProviderClass: objects is not valid YAML");
    }

    @Test
    void syntaxErrorsNeverEchoTheText() {
      assertThatThrownBy(() -> GoYaml.load("- objectName: {SECRET-TEXT"))
          .hasMessageNotContaining("SECRET");
    }
  }
}

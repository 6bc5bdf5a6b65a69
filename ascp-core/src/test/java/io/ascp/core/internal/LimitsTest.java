// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.PathTranslation;
import io.ascp.api.SecretObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ascp-java's limits on {@code objects}: each is exact (the limit passes, one more fails). */
class LimitsTest {
  private static List<SecretObject> parse(String yaml) {
    return ObjectsParser.parse(yaml, PathTranslation.DEFAULT, List.of("us-east-1"));
  }

  private static String objects(int count, int jmesEntriesEach) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < count; i++) {
      b.append("- {objectName: o").append(i).append(", objectType: secretsmanager");
      if (jmesEntriesEach > 0) {
        b.append(", jmesPath: [");
        for (int j = 0; j < jmesEntriesEach; j++) {
          b.append(j == 0 ? "" : ", ")
              .append("{path: k, objectAlias: o")
              .append(i)
              .append('-')
              .append(j)
              .append('}');
        }
        b.append(']');
      }
      b.append("}\n");
    }
    return b.toString();
  }

  private static void assertInvalid(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS))
        .hasMessage(message);
  }

  @Test
  void theLimitsAreTheDocumentedValues() {
    assertThat(Limits.MAX_OBJECTS).isEqualTo(1000);
    assertThat(Limits.MAX_FILES).isEqualTo(10_000);
    assertThat(Limits.MAX_JMES_PATH_CHARS).isEqualTo(1024);
    assertThat(Limits.MAX_OBJECTS_YAML_CHARS).isEqualTo(2 * 1024 * 1024);
    assertThat(Limits.MAX_YAML_DEPTH).isEqualTo(64);
    assertThat(Limits.MAX_YAML_ALIASES).isEqualTo(10_000);
    assertThat(Limits.MAX_YAML_NODES).isEqualTo(250_000);
    assertThat(Limits.MAX_PATH_BYTES).isEqualTo(4096);
    assertThat(Limits.MAX_ELEMENT_BYTES).isEqualTo(255);
  }

  @Test
  void objectCountUpToTheLimitPasses() {
    assertThat(parse(objects(Limits.MAX_OBJECTS, 0))).hasSize(Limits.MAX_OBJECTS);
  }

  @Test
  void oneObjectMoreFails() {
    assertInvalid(
        objects(Limits.MAX_OBJECTS + 1, 0),
        "objects lists 1001 objects; the limit is 1000 per mount");
  }

  @Test
  void emptyEntriesCountAsObjects() {
    assertInvalid(
        objects(Limits.MAX_OBJECTS, 0) + "-\n",
        "objects lists 1001 objects; the limit is 1000 per mount");
  }

  @Test
  void fileCountUpToTheLimitPasses() {
    // 1000 objects with 9 entries each: exactly 10,000 files.
    assertThat(parse(objects(1000, 9))).hasSize(1000);
  }

  @Test
  void oneFileMoreFails() {
    assertInvalid(
        objects(1000, 9)
            .replaceFirst(
                "\\{path: k, objectAlias: o0-0\\}",
                "{path: k, objectAlias: o0-0}, {path: k, objectAlias: extra}"),
        "objects make 10001 files (objects and jmesPath entries); the limit is 10000 per mount");
  }

  @Test
  void fewObjectsWithManyEntriesAreCountedToo() {
    assertInvalid(
        objects(2, 5000),
        "objects make 10002 files (objects and jmesPath entries); the limit is 10000 per mount");
  }

  @Test
  void jmesPathUpToTheLimitPasses() {
    String path = "a".repeat(Limits.MAX_JMES_PATH_CHARS);
    List<SecretObject> parsed =
        parse(
            "- objectName: db\n  objectType: secretsmanager\n  jmesPath:\n    - {path: "
                + path
                + ", objectAlias: user}\n");
    assertThat(parsed.get(0).jmesPath().get(0).path()).isEqualTo(path);
  }

  @Test
  void longerJmesPathFailsWithoutQuotingIt() {
    String path = "MARKERq" + "a".repeat(Limits.MAX_JMES_PATH_CHARS - 6);
    assertInvalid(
        "- objectName: db\n  objectType: secretsmanager\n  jmesPath:\n    - {path: "
            + path
            + ", objectAlias: user}\n",
        "the JMES path of object alias user is longer than 1024 characters: db");
  }
}

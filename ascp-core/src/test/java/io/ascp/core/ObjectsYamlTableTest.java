// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.PathTranslation;
import io.ascp.api.SecretObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One test per row of the two tables in {@code docs/provider.md} that say how {@code objects} is
 * read, so the documentation and the parser cannot drift apart.
 */
class ObjectsYamlTableTest {
  private static final Path DOC = Path.of("..", "docs", "provider.md");
  private static final Pattern CODE = Pattern.compile("`([^`]*)`");
  private static final List<String> REGIONS = List.of("us-east-1");

  @TestFactory
  Stream<DynamicTest> scalarTable() throws IOException {
    List<List<String>> rows = table("scalar-table");
    assertThat(rows).hasSizeGreaterThan(70);
    return rows.stream()
        .map(
            row ->
                dynamicTest(
                    row.get(0) + " -> " + row.get(1),
                    () -> {
                      String written = cell(row.get(0));
                      String yaml =
                          "- objectName: MySecret\n"
                              + "  objectType: secretsmanager\n"
                              + "  objectVersionLabel: "
                              + written
                              + "\n";
                      if (row.get(1).equals("error")) {
                        assertThatThrownBy(() -> parse(yaml))
                            .isInstanceOf(AscpException.class)
                            .hasMessage(code(row.get(2)));
                        return;
                      }
                      Optional<String> expected =
                          row.get(1).equals("(empty)")
                              ? Optional.empty()
                              : Optional.of(cell(row.get(1)));
                      assertThat(parse(yaml).get(0).objectVersionLabel()).isEqualTo(expected);
                    }));
  }

  @TestFactory
  Stream<DynamicTest> documentTable() throws IOException {
    List<List<String>> rows = table("document-table");
    assertThat(rows).hasSizeGreaterThan(25);
    return rows.stream()
        .map(
            row ->
                dynamicTest(
                    row.get(0) + " -> " + row.get(1),
                    () -> {
                      String yaml = cell(row.get(0)).replace("\\n", "\n");
                      if (row.get(1).startsWith("error:")) {
                        assertThatThrownBy(() -> parse(yaml))
                            .isInstanceOfSatisfying(
                                AscpException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS))
                            .hasMessage(code(row.get(1)));
                        return;
                      }
                      assertThat(Render.objects(parse(yaml))).isEqualTo(cell(row.get(1)));
                    }));
  }

  private static List<SecretObject> parse(String yaml) {
    return ParameterParser.parseObjects(yaml, PathTranslation.DEFAULT, REGIONS);
  }

  /* A cell's value: the code span's content, or "" for "(nothing)". */
  private static String cell(String cell) {
    return cell.equals("(nothing)") ? "" : code(cell);
  }

  private static String code(String text) {
    Matcher m = CODE.matcher(text);
    assertThat(m.find()).as("a code span in %s", text).isTrue();
    return m.group(1);
  }

  private static List<List<String>> table(String name) throws IOException {
    List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
    int begin = lines.indexOf("<!-- " + name + ":begin -->");
    int end = lines.indexOf("<!-- " + name + ":end -->");
    assertThat(begin).as("table %s in %s", name, DOC).isNotNegative();
    List<List<String>> rows = new ArrayList<>();
    for (String line : lines.subList(begin + 3, end)) { // after the marker, header, separator
      String inner = line.substring(2, line.length() - 2);
      List<String> cells = new ArrayList<>();
      for (String cellText : inner.split(" \\| ", -1)) {
        cells.add(cellText.trim());
      }
      assertThat(cells).as(line).hasSize(3);
      rows.add(cells);
    }
    return rows;
  }
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code java} and {@code xml} code block of the testkit's documentation, and every {@code
 * <pre>} sample of its Javadoc, is copied from a source that is compiled and run: a block must
 * appear, line for line (indentation aside), in one of the named source files. Within a block, a
 * blank line or a line with {@code ...} separates excerpts; each excerpt is checked on its own.
 */
class DocsSnippetsTest {
  // Tests run in the module's directory.
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void docsTestkitMdIsCopiedFromTheTestkitsTestsAndTheExample() {
    assertCopied(
        "docs/testkit.md",
        Map.of(
            "java",
            sources(
                "ascp-testkit/src/test/java",
                "ascp-testkit/src/main/java",
                "examples/testkit-usage/src/test/java"),
            "xml",
            List.of(ROOT.resolve("examples/testkit-usage/pom.xml"))));
  }

  @Test
  void theExamplesReadmeIsCopiedFromTheExample() {
    assertCopied(
        "examples/testkit-usage/README.md",
        Map.of(
            "java",
            sources("examples/testkit-usage/src"),
            "xml",
            List.of(ROOT.resolve("examples/testkit-usage/pom.xml"))));
  }

  @Test
  void javadocSamplesAreCopiedFromTests() {
    List<List<String>> tests =
        sources("ascp-testkit/src/test/java", "examples/testkit-usage/src/test/java").stream()
            .map(DocsSnippetsTest::significantLines)
            .toList();
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path file : sources("ascp-testkit/src/main/java")) {
      List<String> lines = read(file);
      for (int i = 0; i < lines.size(); i++) {
        if (!lines.get(i).strip().equals("* <pre>{@code")) {
          continue;
        }
        int start = i + 1;
        int end = start;
        while (!lines.get(end).strip().equals("* }</pre>")) {
          end++;
        }
        List<String> block =
            lines.subList(start, end).stream()
                .map(l -> l.strip().equals("*") ? "" : l.strip().substring(2))
                .toList();
        checked++;
        for (List<String> excerpt : missing(block, tests)) {
          problems.add(ROOT.relativize(file) + ":" + (start + 1) + ": not in a test:\n" + excerpt);
        }
        i = end;
      }
    }
    assertThat(problems).isEmpty();
    assertThat(checked).isGreaterThan(10);
  }

  @Test
  void anEditedSampleIsFound() {
    List<List<String>> sources = List.of(List.of("int a = 1;", "int b = 2;", "int c = 3;"));
    assertThat(missing(List.of("int a = 1;", "int b = 2;"), sources)).isEmpty();
    assertThat(missing(List.of("int a = 1;", "...", "int c = 3;"), sources)).isEmpty();
    assertThat(missing(List.of("int a = 1;", "int c = 3;"), sources))
        .containsExactly(List.of("int a = 1;", "int c = 3;"));
    assertThat(missing(List.of("int b = 20;"), sources)).containsExactly(List.of("int b = 20;"));
  }

  private static void assertCopied(String markdown, Map<String, List<Path>> sourcesByLanguage) {
    List<String> lines = read(ROOT.resolve(markdown));
    Map<String, List<List<String>>> sourceLines = new java.util.HashMap<>();
    sourcesByLanguage.forEach(
        (language, files) ->
            sourceLines.put(
                language, files.stream().map(DocsSnippetsTest::significantLines).toList()));
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.startsWith("```") || line.length() == 3) {
        continue;
      }
      String language = line.substring(3);
      int start = i + 1;
      int end = start;
      while (!lines.get(end).strip().equals("```")) {
        end++;
      }
      if (sourceLines.containsKey(language)) {
        checked++;
        for (List<String> excerpt : missing(lines.subList(start, end), sourceLines.get(language))) {
          problems.add(markdown + ":" + (start + 1) + ": not found in a source:\n" + excerpt);
        }
      }
      i = end;
    }
    assertThat(problems).isEmpty();
    assertThat(checked).as("code blocks checked in " + markdown).isPositive();
  }

  /** The excerpts of {@code block} that appear in none of {@code sources}. */
  static List<List<String>> missing(List<String> block, List<List<String>> sources) {
    List<List<String>> excerpts = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String raw : block) {
      String line = raw.strip();
      if (line.isEmpty() || line.contains("...")) {
        if (!current.isEmpty()) {
          excerpts.add(current);
          current = new ArrayList<>();
        }
      } else {
        current.add(line);
      }
    }
    if (!current.isEmpty()) {
      excerpts.add(current);
    }
    return excerpts.stream()
        .filter(e -> sources.stream().noneMatch(s -> Collections.indexOfSubList(s, e) >= 0))
        .toList();
  }

  private static List<Path> sources(String... roots) {
    List<Path> files = new ArrayList<>();
    for (String root : roots) {
      try (Stream<Path> walk = Files.walk(ROOT.resolve(root))) {
        walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertThat(files).as("sources under " + List.of(roots)).isNotEmpty();
    return files;
  }

  private static List<String> significantLines(Path file) {
    return read(file).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountedFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Path safety of {@link AtomicDirectoryWriter#validate}: whatever passes stays inside the target.
 */
class PathValidationPropertiesTest {
  private static final Path TARGET = Path.of("/mnt/target");

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> element =
        Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.of(".", "..", "", "..data", "...", ".hidden", "a..b")),
            Tuple.of(
                1, Arbitraries.strings().withChars("ab.-_ /\\\u0000\n\u007féü").ofMaxLength(6)),
            Tuple.of(6, Arbitraries.strings().withChars("ab.-_é").ofMinLength(1).ofMaxLength(6)),
            Tuple.of(1, Arbitraries.strings().withChars("x").ofMinLength(250).ofMaxLength(260)));
    return element.list().ofMinSize(1).ofMaxSize(8).map(l -> String.join("/", l));
  }

  @Property(tries = 2000)
  void whatIsAcceptedIsCleanRelativeAndInsideTheTarget(@ForAll("paths") String path) {
    if (path.isEmpty()) {
      return; // MountedFile itself rejects an empty path.
    }
    List<MountedFile> files = List.of(new MountedFile(path, 0644, new byte[0]));
    try {
      AtomicDirectoryWriter.validate(files, TARGET);
    } catch (AscpException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS);
      assertThat(e.getMessage()).startsWith("Invalid file path \"");
      assertThat(e.getMessage()).doesNotContainPattern("[\\x00-\\x1f\\x7f]");
      return;
    }
    Path resolved = TARGET.resolve(path);
    assertThat(resolved.normalize()).isEqualTo(resolved);
    assertThat(resolved.startsWith(TARGET)).isTrue();
    assertThat(TARGET.relativize(resolved).toString()).isEqualTo(path);
    assertThat(path.getBytes(UTF_8).length).isLessThanOrEqualTo(4096);
    String[] elements = path.split("/", -1);
    assertThat(elements[0]).doesNotStartWith("..");
    for (String element : elements) {
      assertThat(element).isNotEmpty().isNotEqualTo(".").isNotEqualTo("..");
      assertThat(element.getBytes(UTF_8).length).isLessThanOrEqualTo(255);
      assertThat(element.chars().noneMatch(Character::isISOControl)).isTrue();
    }
  }

  @Property(tries = 2000)
  void theGeneratorProducesBothOutcomes(@ForAll("paths") String path) {
    boolean accepted;
    try {
      AtomicDirectoryWriter.validate(
          List.of(new MountedFile(path.isEmpty() ? "." : path, 0644, new byte[0])), TARGET);
      accepted = true;
    } catch (AscpException e) {
      accepted = false;
    }
    Statistics.collect(accepted);
    Statistics.coverage(
        c -> {
          c.check(true).percentage(p -> p > 5);
          c.check(false).percentage(p -> p > 5);
        });
  }

  @Property(tries = 500)
  void aSetIsAcceptedOnlyIfNoPathIsAlsoADirectoryOfAnother(
      @ForAll("simplePaths") List<String> paths) {
    List<MountedFile> files = new ArrayList<>();
    paths.forEach(p -> files.add(new MountedFile(p, 0600, new byte[0])));
    boolean conflict = false;
    for (int i = 0; i < paths.size(); i++) {
      for (int j = 0; j < paths.size(); j++) {
        String a = paths.get(i);
        String b = paths.get(j);
        conflict |= i != j && (a.equals(b) || b.startsWith(a + "/"));
      }
    }
    try {
      List<MountedFile> sorted = AtomicDirectoryWriter.validate(files, TARGET);
      assertThat(conflict).as("accepted %s", paths).isFalse();
      assertThat(sorted).map(MountedFile::path).isSorted();
    } catch (AscpException e) {
      assertThat(conflict).as("rejected %s: %s", paths, e.getMessage()).isTrue();
    }
  }

  @Provide
  Arbitrary<List<String>> simplePaths() {
    Arbitrary<String> path =
        Arbitraries.of("a", "b", "c")
            .list()
            .ofMinSize(1)
            .ofMaxSize(3)
            .map(l -> String.join("/", l));
    return path.list().ofMinSize(0).ofMaxSize(6);
  }
}

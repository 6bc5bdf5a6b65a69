// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class AtomicDirectoryWriterTest {
  private static final Instant T0 = Instant.parse("2026-11-29T14:08:00.123456789Z");
  private static final String MARKER = "M4RK3R-s3cr3t";

  // The production target is a tmpfs; /dev/shm is one on Linux (and makes the crash test fast).
  @TempDir(factory = TmpfsFirst.class)
  Path tmp;

  private Path target;
  private Path outside;
  private SteppingClock clock;
  private AtomicDirectoryWriter writer;

  @BeforeEach
  void setUp() throws IOException {
    target = Files.createDirectory(tmp.resolve("target"));
    outside = Files.createDirectory(tmp.resolve("outside"));
    clock = new SteppingClock(T0);
    writer = new AtomicDirectoryWriter(clock, DefaultFileOps.INSTANCE);
  }

  // ---------------------------------------------------------------- layout

  @Test
  void layoutAfterOneWrite() throws IOException {
    writer.write(
        target,
        List.of(
            file("username", 0644, "demo-user"),
            file("password", 0400, "demo-pass"),
            file("certs/ca.pem", 0444, "ca"),
            file("certs/deep/key.pem", 0600, "key")));

    String ts = "..2026_11_29_14_08_00.123456789";
    assertThat(entries(target)).containsExactly(ts, "..data", "certs", "password", "username");
    assertThat(link(target.resolve("..data"))).isEqualTo(ts);
    assertThat(link(target.resolve("username"))).isEqualTo("..data/username");
    assertThat(link(target.resolve("password"))).isEqualTo("..data/password");
    assertThat(link(target.resolve("certs"))).isEqualTo("..data/certs");
    assertThat(visible(target))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "username", "demo-user",
                "password", "demo-pass",
                "certs/ca.pem", "ca",
                "certs/deep/key.pem", "key"));
    Path dir = target.resolve(ts);
    assertThat(Files.isSymbolicLink(dir)).isFalse();
    assertThat(mode(dir)).isEqualTo("rwxr-xr-x");
    assertThat(mode(dir.resolve("certs"))).isEqualTo("rwxr-xr-x");
    assertThat(mode(dir.resolve("certs/deep"))).isEqualTo("rwxr-xr-x");
    assertThat(mode(dir.resolve("username"))).isEqualTo("rw-r--r--");
    assertThat(mode(dir.resolve("password"))).isEqualTo("r--------");
    assertThat(mode(dir.resolve("certs/ca.pem"))).isEqualTo("r--r--r--");
    assertThat(mode(dir.resolve("certs/deep/key.pem"))).isEqualTo("rw-------");
  }

  @Test
  void modesAreExactForEveryPermissionBit() throws IOException {
    List<MountedFile> files = new ArrayList<>();
    int[] modes = {0, 0777, 0640, 0404, 0111, 0222, 0755, 0001};
    for (int m : modes) {
      files.add(file("m" + Integer.toOctalString(m), m, "x"));
    }
    writer.write(target, files);
    for (int m : modes) {
      Path real = target.resolve("..data").resolve("m" + Integer.toOctalString(m));
      assertThat(Files.getPosixFilePermissions(real))
          .as("mode 0%s", Integer.toOctalString(m))
          .isEqualTo(DefaultFileOps.permissions(m));
    }
  }

  @Test
  void modesIgnoreARestrictiveUmask() throws Exception {
    Path control = tmp.resolve("control");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command = "umask 0777 && exec \"$0\" -cp \"$1\" io.ascp.core.UmaskProbe \"$2\" \"$3\"";
    Process process =
        new ProcessBuilder(
                "/bin/sh",
                "-c",
                command,
                java,
                System.getProperty("java.class.path"),
                target.toString(),
                control.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();

    assertThat(mode(control)).as("the umask was in effect in the child").isEqualTo("---------");
    Path data = target.resolve("..data");
    assertThat(mode(target.resolve(link(data)))).isEqualTo("rwxr-xr-x");
    assertThat(mode(data.resolve("public"))).isEqualTo("rw-r--r--");
    assertThat(mode(data.resolve("private"))).isEqualTo("r--------");
    assertThat(mode(data.resolve("all"))).isEqualTo("rwxrwxrwx");
    assertThat(mode(data.resolve("dir"))).isEqualTo("rwxr-xr-x");
    assertThat(mode(data.resolve("dir/nested"))).isEqualTo("rw-r-----");
  }

  @Test
  void aSecondWriteRemovesTheFilesOfRemovedObjects() throws IOException {
    writer.write(
        target, List.of(file("a", 0644, "a1"), file("b", 0644, "b1"), file("sub/c", 0644, "c1")));
    String first = link(target.resolve("..data"));
    clock.advanceSeconds(1);

    writer.write(target, List.of(file("a", 0644, "a2"), file("d", 0600, "d2")));

    String second = link(target.resolve("..data"));
    assertThat(second).isNotEqualTo(first).isEqualTo("..2026_11_29_14_08_01.123456789");
    assertThat(entries(target)).containsExactly(second, "..data", "a", "d");
    assertThat(visible(target)).containsExactlyInAnyOrderEntriesOf(Map.of("a", "a2", "d", "d2"));
  }

  @Test
  void everyWriteSwapsEvenWithTheSameContentAndTheSameClockReading() throws IOException {
    List<MountedFile> files = List.of(file("a", 0644, "same"));
    writer.write(target, files);
    String first = link(target.resolve("..data"));
    writer.write(target, files);
    String second = link(target.resolve("..data"));
    writer.write(target, files);
    String third = link(target.resolve("..data"));

    assertThat(second).isEqualTo(first + "_1");
    assertThat(third).isEqualTo(first);
    assertThat(entries(target)).containsExactly(third, "..data", "a");
    assertThat(visible(target)).containsExactly(Map.entry("a", "same"));
  }

  @Test
  void anEmptySetLeavesOnlyDataPointingToAnEmptyDirectory() throws IOException {
    writer.write(target, List.of(file("a", 0644, "a1"), file("sub/b", 0644, "b1")));
    clock.advanceSeconds(1);

    writer.write(target, List.of());

    String ts = link(target.resolve("..data"));
    assertThat(entries(target)).containsExactly(ts, "..data");
    assertThat(entries(target.resolve(ts))).isEmpty();
    assertThat(mode(target.resolve(ts))).isEqualTo("rwxr-xr-x");
  }

  @Test
  void theDefaultWritersNameTheirDirectoriesAfterTheirClock() throws IOException {
    AtomicDirectoryWriter.create().write(target, List.of(file("a", 0644, "a")));
    assertThat(link(target.resolve("..data")))
        .matches("\\.\\.\\d{4}_\\d{2}_\\d{2}_\\d{2}_\\d{2}_\\d{2}\\.\\d{9}");

    AtomicDirectoryWriter.create(Clock.fixed(Instant.parse("2030-01-02T03:04:05Z"), ZoneOffset.UTC))
        .write(target, List.of(file("a", 0644, "b")));
    assertCleanLayout(target, Map.of("a", "b"), "fixed clock");
    assertThat(link(target.resolve("..data"))).isEqualTo("..2030_01_02_03_04_05.000000000");
  }

  @Test
  void aTargetThatIsNotADirectoryFails() throws IOException {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    assertThatThrownBy(() -> writer.write(file, List.of(file("a", 0644, "a"))))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.WRITE_FAILED))
        .hasMessageContaining("is not an existing directory");
    assertThatThrownBy(() -> writer.write(tmp.resolve("missing"), List.of()))
        .isInstanceOf(AscpException.class)
        .hasMessageContaining("is not an existing directory");
  }

  // ---------------------------------------------------------------- crashes

  enum Start {
    /** The previous set was written by this writer (or the driver): the atomic layout. */
    ATOMIC_LAYOUT,
    /** The previous set was written by the Go provider: plain files in the target. */
    LEGACY_FILES,
    /** Plain files and a plain directory, which the Go provider never writes. */
    FOREIGN_DIRECTORY
  }

  private Map<String, String> prepare(Path dir, Start start) throws IOException {
    Files.createDirectories(dir);
    if (start == Start.ATOMIC_LAYOUT) {
      new AtomicDirectoryWriter(clock, NoSyncFileOps.INSTANCE)
          .write(
              dir,
              List.of(
                  file("a", 0644, "old-a"),
                  file("b", 0644, "old-b"),
                  file("sub/c", 0644, "old-c")));
      return Map.of("a", "old-a", "b", "old-b", "sub/c", "old-c");
    }
    Files.writeString(dir.resolve("a"), "old-a");
    Files.writeString(dir.resolve("b"), "old-b");
    if (start == Start.LEGACY_FILES) {
      Files.writeString(dir.resolve("sub_c"), "old-c");
      return Map.of("a", "old-a", "b", "old-b", "sub_c", "old-c");
    }
    Files.createDirectory(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/c"), "old-c");
    return Map.of("a", "old-a", "b", "old-b", "sub/c", "old-c");
  }

  private static final List<MountedFile> NEW_SET =
      List.of(
          file("a", 0600, "new-a"),
          file("d", 0644, "new-d"),
          file("sub/e", 0644, "new-e"),
          file("x/y/z", 0400, "new-z"));
  private static final Map<String, String> NEW_CONTENT =
      Map.of("a", "new-a", "d", "new-d", "sub/e", "new-e", "x/y/z", "new-z");

  @ParameterizedTest
  @EnumSource(Start.class)
  void aFailureOrCrashAtAnyStepLeavesTheOldSetOrTheWholeNewSet(Start start) throws IOException {
    // Hundreds of writes: fsync is skipped (NoSyncFileOps) but still counted as a step.
    // A dry run records every step of the write and where the swap is.
    Path dry = tmp.resolve("dry-" + start);
    Map<String, String> oldContent = prepare(dry, start);
    clock.advanceSeconds(1);
    FaultInjectingFileOps recorder = FaultInjectingFileOps.fastRecorder(dry);
    new AtomicDirectoryWriter(clock, recorder).write(dry, NEW_SET);
    List<String> steps = recorder.log();
    // The last swap is the one to the new set (a legacy start is adopted by an earlier one).
    int swap = steps.lastIndexOf("rename ..data_tmp -> ..data");
    assertThat(swap).as("steps: %s", steps).isPositive();
    assertThat(steps.size()).isGreaterThan(swap + 3);
    int directoryWindow = steps.indexOf("rename ..link_tmp -> sub");
    assertThat(directoryWindow >= 0).isEqualTo(start == Start.FOREIGN_DIRECTORY);

    for (FaultInjectingFileOps.Mode mode : FaultInjectingFileOps.Mode.values()) {
      for (int step = 0; step < steps.size(); step++) {
        String what = mode + " at step " + step + " (" + steps.get(step) + ")";
        Path dir = tmp.resolve(start + "-" + mode + "-" + step);
        prepare(dir, start);
        List<String> before = entries(dir);
        FaultInjectingFileOps faulty =
            new FaultInjectingFileOps(NoSyncFileOps.INSTANCE, dir, step, mode);

        AscpException e =
            catchThrowableOfType(
                AscpException.class,
                () -> new AtomicDirectoryWriter(clock, faulty).write(dir, NEW_SET));

        assertThat(e).as(what).isNotNull();
        assertThat(e.code()).as(what).isEqualTo(ErrorCode.WRITE_FAILED);
        assertThat(e.getMessage()).as(what).startsWith("Failed to write files to " + dir);
        assertThat(e.getMessage()).as(what).doesNotContain("new-", "old-");
        if (step == directoryWindow && mode == FaultInjectingFileOps.Mode.CRASH) {
          // The one documented gap: a foreign directory is moved, then replaced by its link.
          Map<String, String> withoutSub = new TreeMap<>(oldContent);
          withoutSub.remove("sub/c");
          assertThat(visible(dir)).as(what).containsExactlyInAnyOrderEntriesOf(withoutSub);
        } else if (step <= swap) {
          assertThat(e.getMessage()).as(what).contains("the previous files are unchanged");
          assertThat(visible(dir)).as(what).containsExactlyInAnyOrderEntriesOf(oldContent);
          List<String> extra = new ArrayList<>(entries(dir));
          extra.removeAll(before);
          if (mode == FaultInjectingFileOps.Mode.FAIL) {
            // Cleaned up: what remains is at most the adopted layout (..data and its directory).
            for (String name : extra) {
              assertThat(name.equals("..data") || name.equals(link(dir.resolve("..data"))))
                  .as(what + ": leftover " + name + " in " + entries(dir))
                  .isTrue();
            }
          } else {
            // A crash may leave hidden staging entries and dangling links of new names.
            for (String name : extra) {
              assertThat(name.startsWith("..") || isDangling(dir.resolve(name)))
                  .as(what + ": leftover " + name)
                  .isTrue();
            }
          }
        } else {
          assertThat(e.getMessage()).as(what).contains("the new files are in place");
          assertThat(visible(dir)).as(what).containsAllEntriesOf(NEW_CONTENT);
        }

        // The next write repairs everything.
        new AtomicDirectoryWriter(clock, NoSyncFileOps.INSTANCE).write(dir, NEW_SET);
        assertCleanLayout(dir, NEW_CONTENT, what);
      }
    }
  }

  @Test
  void staleStagingEntriesAreRemoved() throws IOException {
    writer.write(target, List.of(file("a", 0644, "a1")));
    Path stale = Files.createDirectory(target.resolve("..2020_01_01_00_00_00.000000000"));
    Files.createDirectories(stale.resolve("sub"));
    Files.writeString(stale.resolve("sub/half-written"), "partial");
    Files.createSymbolicLink(target.resolve("..data_tmp"), stale.getFileName());
    Files.createSymbolicLink(target.resolve("..link_tmp"), Path.of("..data/a"));
    Files.createDirectory(target.resolve("..replaced"));
    Files.writeString(outside.resolve("keep"), "keep");
    Files.createSymbolicLink(target.resolve("..other"), outside);
    Map<String, String> before = snapshot(outside);
    clock.advanceSeconds(1);

    writer.write(target, List.of(file("a", 0644, "a2")));

    assertCleanLayout(target, Map.of("a", "a2"), "stale staging entries");
    assertThat(snapshot(outside)).isEqualTo(before);
  }

  @Test
  void leftoversOfAnInterruptedWriteAreRemovedBeforeStaging() throws IOException {
    writer.write(target, List.of(file("a", 0644, "a1")));
    String live = link(target.resolve("..data"));
    Path stale = Files.createDirectory(target.resolve("..2020_01_01_00_00_00.000000000"));
    Files.writeString(stale.resolve("half-written"), "partial");
    Files.createSymbolicLink(target.resolve("..data_tmp"), stale.getFileName());
    Files.createSymbolicLink(target.resolve("..other"), outside);
    Files.writeString(outside.resolve("keep"), "keep");

    // Fail the write at its first staging step: the leftovers must already be gone.
    FaultInjectingFileOps recorder = FaultInjectingFileOps.recorder(tmp);
    clock.advanceSeconds(1);
    Path probe = tmp.resolve("probe");
    prepareCopy(probe);
    new AtomicDirectoryWriter(clock, recorder).write(probe, List.of(file("a", 0644, "a2")));
    int staging = indexOfPrefix(recorder.log(), "createDirectory probe/..2026");
    assertThat(staging).isPositive();
    FaultInjectingFileOps faulty =
        new FaultInjectingFileOps(tmp, staging, FaultInjectingFileOps.Mode.FAIL);
    assertThatThrownBy(
            () ->
                new AtomicDirectoryWriter(clock, faulty)
                    .write(target, List.of(file("a", 0644, "a2"))))
        .isInstanceOf(AscpException.class);

    assertThat(entries(target)).containsExactly(live, "..data", "a");
    assertThat(visible(target)).containsExactly(Map.entry("a", "a1"));
    assertThat(entries(outside)).containsExactly("keep");
  }

  private void prepareCopy(Path probe) throws IOException {
    Files.createDirectory(probe);
    writer.write(probe, List.of(file("a", 0644, "a1")));
    Path stale = Files.createDirectory(probe.resolve("..2020_01_01_00_00_00.000000000"));
    Files.writeString(stale.resolve("half-written"), "partial");
    Files.createSymbolicLink(probe.resolve("..data_tmp"), stale.getFileName());
    Files.createSymbolicLink(probe.resolve("..other"), outside);
  }

  // ---------------------------------------------------------------- planted links

  @Test
  void aTopLevelLinkToOutsideIsReplacedNotWrittenThrough() throws IOException {
    Path victim = Files.writeString(outside.resolve("victim"), "original");
    Files.createSymbolicLink(target.resolve("a"), victim);
    Map<String, String> before = snapshot(outside);

    writer.write(target, List.of(file("a", 0644, "new-a")));

    assertThat(snapshot(outside)).isEqualTo(before);
    assertThat(link(target.resolve("a"))).isEqualTo("..data/a");
    assertCleanLayout(target, Map.of("a", "new-a"), "planted top-level link");
  }

  @Test
  void aTopLevelLinkToAnOutsideDirectoryIsNotFollowedForSubdirectories() throws IOException {
    Files.createSymbolicLink(target.resolve("sub"), outside);
    Map<String, String> before = snapshot(outside);

    writer.write(target, List.of(file("sub/file", 0644, "new"), file("sub/deeper/f", 0644, "f")));

    assertThat(snapshot(outside)).isEqualTo(before).isEmpty();
    assertThat(link(target.resolve("sub"))).isEqualTo("..data/sub");
    assertCleanLayout(target, Map.of("sub/file", "new", "sub/deeper/f", "f"), "planted dir link");
  }

  @Test
  void aDataLinkPointingOutsideIsReplacedAndItsTargetLeftAlone() throws IOException {
    Files.writeString(outside.resolve("a"), "outside-a");
    Files.createDirectory(outside.resolve("sub"));
    Files.writeString(outside.resolve("sub/c"), "outside-c");
    Files.createSymbolicLink(target.resolve("..data"), outside);
    Files.createSymbolicLink(target.resolve("a"), Path.of("..data/a"));
    Files.createSymbolicLink(target.resolve("sub"), Path.of("..data/sub"));
    Map<String, String> before = snapshot(outside);

    writer.write(target, List.of(file("a", 0644, "new-a"), file("sub/c", 0644, "new-c")));

    assertThat(snapshot(outside)).isEqualTo(before);
    assertThat(link(target.resolve("..data"))).startsWith("..2026");
    assertCleanLayout(target, Map.of("a", "new-a", "sub/c", "new-c"), "planted ..data");
  }

  @Test
  void aDataLinkToAPlantedLinkedDirectoryIsNotFollowedWhenRemoved() throws IOException {
    Files.writeString(outside.resolve("keep"), "keep");
    Files.createSymbolicLink(target.resolve("..2020_01_01_00_00_00.0"), outside);
    Files.createSymbolicLink(target.resolve("..data"), Path.of("..2020_01_01_00_00_00.0"));
    Map<String, String> before = snapshot(outside);

    writer.write(target, List.of(file("keep", 0644, "new")));

    assertThat(snapshot(outside)).isEqualTo(before);
    assertCleanLayout(target, Map.of("keep", "new"), "double indirection");
  }

  @Test
  void aLinkPlantedInsideTheLiveDirectoryIsNotFollowedWhenItIsRemoved() throws IOException {
    writer.write(target, List.of(file("sub/f", 0644, "f1")));
    Path live = target.resolve(link(target.resolve("..data")));
    Files.writeString(outside.resolve("keep"), "keep");
    Files.createDirectory(outside.resolve("dir"));
    Files.writeString(outside.resolve("dir/also"), "also");
    Files.delete(live.resolve("sub/f"));
    Files.delete(live.resolve("sub"));
    Files.createSymbolicLink(live.resolve("sub"), outside);
    Files.createSymbolicLink(live.resolve("evil"), outside.resolve("dir"));
    Map<String, String> before = snapshot(outside);
    clock.advanceSeconds(1);

    writer.write(target, List.of(file("sub/g", 0644, "g")));

    assertThat(snapshot(outside)).isEqualTo(before);
    assertCleanLayout(target, Map.of("sub/g", "g"), "planted payload subdirectory link");
  }

  @Test
  void plantedTemporaryLinksAreRemovedWithoutFollowingThem() throws IOException {
    Files.writeString(outside.resolve("keep"), "keep");
    Files.createSymbolicLink(target.resolve("..data_tmp"), outside);
    Files.createSymbolicLink(target.resolve("..link_tmp"), outside);
    Files.createSymbolicLink(target.resolve("..replaced"), outside);
    Map<String, String> before = snapshot(outside);

    writer.write(target, List.of(file("keep", 0644, "new")));

    assertThat(snapshot(outside)).isEqualTo(before);
    assertCleanLayout(target, Map.of("keep", "new"), "planted temporary links");
  }

  @Test
  void aPlantedDataDirectoryIsReplaced() throws IOException {
    Files.createDirectory(target.resolve("..data"));
    Files.writeString(target.resolve("..data/a"), "planted");

    writer.write(target, List.of(file("a", 0644, "new-a")));

    assertCleanLayout(target, Map.of("a", "new-a"), "planted ..data directory");
  }

  // ---------------------------------------------------------------- legacy

  @Test
  void plainFilesOfTheGoProviderAreReplacedOrRemoved() throws IOException {
    Files.writeString(target.resolve("a"), "legacy-a");
    Files.writeString(target.resolve("gone"), "legacy-gone");
    Files.createDirectory(target.resolve("sub"));
    Files.writeString(target.resolve("sub/x"), "legacy-x");
    Files.createDirectory(target.resolve("legacy-dir"));
    Files.writeString(target.resolve("legacy-dir/y"), "legacy-y");
    Files.writeString(target.resolve(".hidden"), "legacy-hidden");

    writer.write(target, List.of(file("a", 0644, "new-a"), file("sub/z", 0644, "new-z")));

    assertCleanLayout(target, Map.of("a", "new-a", "sub/z", "new-z"), "legacy");
  }

  // ---------------------------------------------------------------- validation

  static Stream<List<String>> invalidPaths() {
    return Stream.of(
        List.of("/abs"),
        List.of("a//b"),
        List.of("a/"),
        List.of("./a"),
        List.of("a/./b"),
        List.of("a/../b"),
        List.of("a/.."),
        List.of(".."),
        List.of("."),
        List.of("..a"),
        List.of("..data"),
        List.of("..data/x"),
        List.of("x".repeat(256)),
        List.of("é".repeat(128)),
        List.of(String.join("/", java.util.Collections.nCopies(20, "y".repeat(250)))),
        List.of("a\u0000b"),
        List.of("a\nb"),
        List.of("a\u007fb"),
        List.of("a\u0085b"),
        List.of("a\ud800b"),
        List.of("dup", "ok", "dup"),
        List.of("a", "a/b"),
        List.of("d/e/f", "d/e"));
  }

  @ParameterizedTest
  @MethodSource("invalidPaths")
  void invalidPathsAreRejectedBeforeAnythingIsWritten(List<String> paths) throws IOException {
    writer.write(target, List.of(file("existing", 0644, "existing")));
    List<String> before = entries(target);
    List<MountedFile> files = new ArrayList<>();
    for (String p : paths) {
      files.add(file(p, 0644, MARKER));
    }

    AscpException e = catchThrowableOfType(AscpException.class, () -> writer.write(target, files));

    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS);
    assertThat(e.getMessage()).startsWith("Invalid file path \"").doesNotContain(MARKER);
    assertThat(e.getMessage()).doesNotContainPattern("[\\x00-\\x1f\\x7f]");
    assertThat(entries(target)).isEqualTo(before);
    assertThat(visible(target)).containsExactly(Map.entry("existing", "existing"));
  }

  @Test
  void rejectionMessagesNameThePathAndTheProblem() {
    assertThatThrownBy(() -> writer.write(target, List.of(file("a/../b", 0644, "x"))))
        .hasMessage("Invalid file path \"a/../b\": contains a \"..\" element");
    assertThatThrownBy(
            () -> writer.write(target, List.of(file("a", 0644, "x"), file("a/b", 0, "y"))))
        .hasMessage("Invalid file path \"a/b\": \"a\" is also a file");
    assertThatThrownBy(() -> writer.write(target, List.of(file("a\u0000b", 0644, "x"))))
        .hasMessage("Invalid file path \"a\\u0000b\": contains a control character");
    assertThatThrownBy(() -> writer.write(target, List.of(file("..x", 0644, "x"))))
        .hasMessage("Invalid file path \"..x\": must not start with ..");
  }

  @Test
  void edgeCasesThatAreValid() throws IOException {
    Map<String, String> expected = new TreeMap<>();
    for (String p :
        List.of(
            "x".repeat(255),
            ".hidden",
            "a..b",
            "dir/...",
            "dir/..hidden-inside",
            "spaces in name",
            "ünïcödé",
            "arn:aws:secretsmanager:us-east-1:111122223333:secret:name-AbCdEf")) {
      expected.put(p, "v");
    }
    List<MountedFile> files = new ArrayList<>();
    expected.forEach((p, v) -> files.add(file(p, 0644, v)));

    writer.write(target, files);

    assertCleanLayout(target, expected, "valid edge cases");
  }

  // ---------------------------------------------------------------- concurrency

  @Test
  void concurrentWritesToOneTargetAreSerialized() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 15; i++) {
                    writer.write(
                        target,
                        List.of(
                            file("common", 0644, "t" + thread + "-" + i),
                            file("only-" + thread, 0644, "x")));
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    List<String> names = entries(target);
    assertThat(names).hasSize(4);
    assertThat(names.get(1)).isEqualTo("..data");
    assertThat(visible(target).get("common")).endsWith("-14");
  }

  // ---------------------------------------------------------------- helpers

  private static MountedFile file(String path, int mode, String contents) {
    return new MountedFile(path, mode, contents.getBytes(UTF_8));
  }

  private static List<String> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static String link(Path p) throws IOException {
    return Files.readSymbolicLink(p).toString();
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }

  private static boolean isDangling(Path p) {
    return Files.isSymbolicLink(p) && !Files.exists(p);
  }

  private static int indexOfPrefix(List<String> steps, String prefix) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  /** What a reader sees: every regular file reachable through the non-hidden names. */
  private static Map<String, String> visible(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    for (String name : entries(dir)) {
      if (!name.startsWith("..")) {
        collect(dir.resolve(name), name, files);
      }
    }
    return files;
  }

  private static void collect(Path p, String relative, Map<String, String> out) throws IOException {
    if (Files.isDirectory(p)) {
      for (String child : entries(p)) {
        collect(p.resolve(child), relative + "/" + child, out);
      }
    } else if (Files.isRegularFile(p)) {
      out.put(relative, Files.readString(p));
    }
  }

  /** Every entry under {@code dir} (links not followed) with its contents or link target. */
  private static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.forEach(
          p -> {
            try {
              String key = dir.relativize(p).toString();
              if (Files.isSymbolicLink(p)) {
                out.put(key, "-> " + Files.readSymbolicLink(p));
              } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                out.put(key, Files.readString(p) + " " + mode(p));
              } else if (!key.isEmpty()) {
                out.put(key, "dir " + mode(p));
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
    return out;
  }

  private static void assertCleanLayout(Path dir, Map<String, String> content, String what)
      throws IOException {
    String ts = link(dir.resolve("..data"));
    assertThat(ts).as(what).startsWith("..").doesNotContain("/");
    assertThat(Files.isDirectory(dir.resolve(ts), LinkOption.NOFOLLOW_LINKS)).as(what).isTrue();
    List<String> expected = new ArrayList<>();
    expected.add(ts);
    expected.add("..data");
    for (String path : content.keySet()) {
      String top = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
      if (!expected.contains(top)) {
        expected.add(top);
        assertThat(link(dir.resolve(top))).as(what).isEqualTo("..data/" + top);
      }
    }
    assertThat(entries(dir)).as(what).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(visible(dir)).as(what).containsExactlyInAnyOrderEntriesOf(content);
  }

  /** Temporary directories on /dev/shm when it is usable, else in the default location. */
  static final class TmpfsFirst implements TempDirFactory {
    @Override
    public Path createTempDirectory(
        AnnotatedElementContext elementContext, ExtensionContext extensionContext)
        throws IOException {
      Path shm = Path.of("/dev/shm");
      if (Files.isDirectory(shm) && Files.isWritable(shm)) {
        return Files.createTempDirectory(shm, "ascp-writer-test-");
      }
      return Files.createTempDirectory("ascp-writer-test-");
    }
  }

  /** A clock that stands still until told to move. */
  static final class SteppingClock extends Clock {
    private Instant now;

    SteppingClock(Instant start) {
      this.now = start;
    }

    void advanceSeconds(long seconds) {
      now = now.plusSeconds(seconds);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}

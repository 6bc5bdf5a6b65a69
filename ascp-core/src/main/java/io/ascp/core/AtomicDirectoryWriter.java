// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A writer of a complete set of files into a directory with the Kubernetes atomic-writer layout, so
 * that readers never see a partial or mixed set.
 *
 * <p>Each {@link #write} stages every file into a new hidden directory {@code ..<timestamp>} inside
 * the target directory (subdirectories allowed), sets each file's mode exactly as given and each
 * directory's to 0755 whatever the process umask, forces contents and directories to the device,
 * then atomically renames a {@code ..data_tmp} link over the {@code ..data} link. Each top-level
 * name of the set is a link {@code <name> -> ..data/<name>}. After a write the target holds exactly
 * {@code ..data}, the directory it points to and those links:
 *
 * <pre>
 * target/
 *   ..2026_11_29_14_08_00.123456789/    (0755)
 *     username                          (the file's mode)
 *     certs/ca.pem
 *   ..data -> ..2026_11_29_14_08_00.123456789
 *   username -> ..data/username
 *   certs -> ..data/certs
 * </pre>
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>Every write swaps {@code ..data}, even when nothing changed.
 *   <li>A failure before the swap leaves the previous set intact and visible; the staging directory
 *       is removed (or, after a crash, at the start of the next write).
 *   <li>Entries that are not part of the new set are removed after the swap: files of removed
 *       objects, plain files that an older provider (the Go reference provider) wrote directly into
 *       the target, and staging leftovers. <b>The writer owns the target directory</b>: do not
 *       point it at a directory that holds anything else.
 *   <li>Plain files found in the target are first adopted into the layout without changing what
 *       readers see (hard-linked into the directory {@code ..data} points to, then replaced by
 *       their link), so the first write after an upgrade from a provider that wrote plain files
 *       switches every name at once, too. A plain directory cannot be replaced atomically by a
 *       link: it is missing for the moment between two renames (the Go provider never writes
 *       directories).
 *   <li>Links planted in the target are never followed: files are created only inside the new
 *       staging directory, with create-new, no-follow opens; a top-level name that is a link to
 *       elsewhere, a file or a directory is replaced by the proper link; a {@code ..data} that
 *       points outside the target is replaced, and what it pointed to is left alone.
 *   <li>Every path is checked before anything is written: non-empty, relative, clean (no empty,
 *       {@code .} or {@code ..} element), the first element not starting with {@code ..}, at most
 *       255 bytes per element and 4096 in total, no control characters, no duplicates and no path
 *       that is both a file and a directory. A bad path is an {@link AscpException} with {@link
 *       ErrorCode#INVALID_PARAMETERS}; an I/O failure one with {@link ErrorCode#WRITE_FAILED},
 *       whose message names paths only.
 *   <li>An empty set is allowed: it leaves {@code ..data} pointing to an empty directory.
 * </ul>
 *
 * <p>The target directory must exist (the CSI driver creates it, a tmpfs). It must be on a file
 * system with POSIX permissions and symbolic links. Writes to the same target through one writer
 * are serialized; other writers or processes must not write to it at the same time. The writer is
 * thread-safe, owns no resources and needs no closing.
 */
public final class AtomicDirectoryWriter {
  /*
   * Order of a write (kubelet's atomic writer, pkg/volume/util/atomic_writer.go, plus adoption
   * and cleanup):
   *  1. validate every path (pure);
   *  2. remove hidden leftovers of an interrupted write: every "..*" entry but ..data and the
   *     directory it points to (invisible to readers, so safe before the swap);
   *  3. adopt visible entries that are not proper links, without changing what readers see:
   *     planted links are unlinked; plain files (the Go provider's) are hard-linked into the live
   *     directory (created and pointed to by ..data if missing) and replaced by their link by an
   *     atomic rename. Afterwards every visible name goes through ..data, so the swap changes all
   *     of them at once even on the first write after a provider upgrade;
   *  4. create ..<timestamp> (0700 while staging), write each file (0600 while writing, fsync,
   *     then chmod to its mode), create subdirectories (0755), fsync them, chmod the root 0755;
   *  5. create missing top-level links (they dangle until the swap, as in kubelet);
   *  6. link ..data_tmp -> ..<timestamp> and rename it over ..data: the swap;
   *  7. fsync the target, replace top-level entries that are not the proper link (only if
   *     something changed them meanwhile), remove everything that is not ..data, the new
   *     directory or a top-level name, fsync again.
   * A failure in 2-6 undoes what this write created (best effort; after a crash, the next
   * write's step 2 finishes the job); what step 3 did stays, as it changed nothing visible. A
   * failure in 7 is reported, but the new set is already what readers see.
   */

  /** The link that points to the current timestamped directory. */
  static final String DATA_LINK = "..data";

  /** The link renamed over {@link #DATA_LINK} by the swap. */
  static final String DATA_LINK_TMP = "..data_tmp";

  /** The link renamed over a top-level entry that is not the proper link. */
  static final String NAME_LINK_TMP = "..link_tmp";

  /** Where a directory in the way of a top-level link is moved before it is removed. */
  static final String REPLACED_DIR = "..replaced";

  private static final int DIRECTORY_MODE = 0755;
  private static final int STAGING_MODE = 0700;
  private static final int MAX_ELEMENT_BYTES = 255;
  private static final int MAX_PATH_BYTES = 4096;
  private static final int MAX_NAME_ATTEMPTS = 1000;
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss.SSSSSSSSS").withZone(ZoneOffset.UTC);
  private static final int LOCK_STRIPES = 64;

  private final Clock clock;
  private final FileOps ops;
  private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

  AtomicDirectoryWriter(Clock clock, FileOps ops) {
    this.clock = requireNonNull(clock, "clock");
    this.ops = requireNonNull(ops, "ops");
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** A writer that names its timestamped directories after the system clock (UTC). */
  public static AtomicDirectoryWriter create() {
    return new AtomicDirectoryWriter(SystemClock.utc(), DefaultFileOps.INSTANCE);
  }

  /**
   * A writer that names its timestamped directories after {@code clock}; the clock is read once per
   * write and only for the name.
   */
  public static AtomicDirectoryWriter create(Clock clock) {
    return new AtomicDirectoryWriter(clock, DefaultFileOps.INSTANCE);
  }

  /**
   * Replaces the files in {@code targetDirectory} with {@code files}, atomically.
   *
   * @param targetDirectory an existing directory that this writer owns
   * @param files the complete set of files; paths are relative and {@code /}-separated
   * @throws AscpException with {@link ErrorCode#INVALID_PARAMETERS} when a path is invalid (nothing
   *     is written), or with {@link ErrorCode#WRITE_FAILED} when the file system failed (before the
   *     swap: the previous set is intact; after it: the new set is visible, but old entries may
   *     remain until the next write)
   */
  public void write(Path targetDirectory, List<MountedFile> files) {
    requireNonNull(targetDirectory, "targetDirectory");
    List<MountedFile> payload = validate(files, targetDirectory);
    ReentrantLock lock =
        locks[Math.floorMod(targetDirectory.toAbsolutePath().normalize().hashCode(), LOCK_STRIPES)];
    lock.lock();
    try {
      new Write(targetDirectory, payload).run();
    } finally {
      lock.unlock();
    }
  }

  /** One write: the state shared by its steps. */
  private final class Write {
    private final Path target;
    private final List<MountedFile> payload;
    private final Set<String> topLevel = new TreeSet<>();
    private final List<Path> createdLinks = new ArrayList<>();
    // What undo() removes if the write fails before the swap.
    private Optional<Path> staging = Optional.empty();
    private boolean dataLinkTmpCreated;
    private Optional<String> pendingNameLink = Optional.empty();

    Write(Path target, List<MountedFile> payload) {
      this.target = target;
      this.payload = payload;
      for (MountedFile f : payload) {
        int slash = f.path().indexOf('/');
        topLevel.add(slash < 0 ? f.path() : f.path().substring(0, slash));
      }
    }

    void run() {
      String stagingName;
      try {
        if (!ops.isDirectory(target)) {
          throw new AscpException(
              ErrorCode.WRITE_FAILED,
              "Failed to write files: " + target + " is not an existing directory");
        }
        String live = removeLeftovers();
        live = adoptVisibleEntries(live);
        stagingName = stage(live);
        createMissingLinks();
        pointDataAt(stagingName);
      } catch (IOException | RuntimeException e) {
        AscpException error =
            e instanceof AscpException a ? a : writeFailed("the previous files are unchanged", e);
        undo(error);
        throw error;
      }
      // After the swap every step is attempted, so that one failure does not leave more behind.
      List<Exception> failures = new ArrayList<>();
      attempt(failures, () -> ops.syncDirectory(target));
      attempt(failures, this::replaceImproperEntries);
      attempt(failures, () -> sweep(stagingName));
      attempt(failures, () -> ops.syncDirectory(target));
      if (!failures.isEmpty()) {
        AscpException error =
            writeFailed("the new files are in place, but cleaning up failed", failures.get(0));
        failures.subList(1, failures.size()).forEach(error::addSuppressed);
        throw error;
      }
    }

    /** Removes every hidden entry but ..data and its directory; returns that directory's name. */
    private String removeLeftovers() throws IOException {
      String live = liveDirectory().orElse("");
      for (String name : ops.list(target)) {
        if (name.startsWith("..") && !name.equals(DATA_LINK) && !name.equals(live)) {
          deleteTree(target.resolve(name));
        }
      }
      return live;
    }

    /** The timestamped directory ..data points to, if it is one inside the target. */
    private Optional<String> liveDirectory() throws IOException {
      Path data = target.resolve(DATA_LINK);
      Optional<BasicFileAttributes> attributes = ops.stat(data);
      if (attributes.isEmpty() || !attributes.get().isSymbolicLink()) {
        return Optional.empty();
      }
      String pointee = ops.readSymbolicLink(data);
      if (!pointee.startsWith("..")
          || pointee.contains("/")
          || pointee.equals(DATA_LINK)
          || pointee.equals(DATA_LINK_TMP)
          || pointee.equals("..")) {
        return Optional.empty();
      }
      Optional<BasicFileAttributes> dir = ops.stat(target.resolve(pointee));
      return dir.isPresent() && dir.get().isDirectory() ? Optional.of(pointee) : Optional.empty();
    }

    /**
     * Brings every visible entry into the atomic layout without changing what readers see: a plain
     * file (the Go provider's) is hard-linked into the live directory and replaced by the link to
     * it, a plain directory is moved there, and a link that is not {@code ..data/<name>} (planted)
     * is removed unfollowed. Creates the live directory if there is none.
     *
     * @return the live directory's name
     */
    private String adoptVisibleEntries(String live) throws IOException {
      List<String> plain = new ArrayList<>();
      for (String name : ops.list(target)) {
        if (name.startsWith("..")) {
          continue;
        }
        Path entry = target.resolve(name);
        Optional<BasicFileAttributes> attributes = ops.stat(entry);
        if (attributes.isEmpty()) {
          continue;
        }
        if (attributes.get().isSymbolicLink()) {
          if (!ops.readSymbolicLink(entry).equals(DATA_LINK + "/" + name)) {
            ops.delete(entry);
          }
        } else {
          plain.add(name);
        }
      }
      if (plain.isEmpty()) {
        return live;
      }
      String adopted = live;
      if (adopted.isEmpty()) {
        adopted = createStagingDirectory("");
        ops.setMode(target.resolve(adopted), DIRECTORY_MODE);
        pointDataAt(adopted);
      }
      Path liveDir = target.resolve(adopted);
      for (String name : plain) {
        Path entry = target.resolve(name);
        Path inLive = liveDir.resolve(name);
        // Readers see the plain entry, not what the live directory may hold under its name.
        deleteTree(inLive);
        Path tmp = target.resolve(NAME_LINK_TMP);
        ops.createSymbolicLink(tmp, DATA_LINK + "/" + name);
        pendingNameLink = Optional.of(name);
        Optional<BasicFileAttributes> attributes = ops.stat(entry);
        if (attributes.isPresent() && attributes.get().isDirectory()) {
          // Not atomic: the name is missing between these two renames. The Go provider never
          // wrote directories, so only a foreign directory takes this path.
          ops.rename(entry, inLive);
        } else {
          ops.createLink(inLive, entry);
        }
        ops.rename(tmp, entry);
        pendingNameLink = Optional.empty();
      }
      ops.syncDirectory(liveDir);
      ops.syncDirectory(target);
      return adopted;
    }

    private String stage(String live) throws IOException {
      String name = createStagingDirectory(live);
      Path root = target.resolve(name);
      ops.setMode(root, STAGING_MODE);
      Set<String> directories = new HashSet<>();
      List<String> createdDirectories = new ArrayList<>();
      for (MountedFile file : payload) {
        String path = file.path();
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
          String dir = path.substring(0, slash);
          if (directories.add(dir)) {
            Path p = root.resolve(dir);
            ops.createDirectory(p);
            ops.setMode(p, DIRECTORY_MODE);
            createdDirectories.add(dir);
          }
        }
        Path p = root.resolve(path);
        ops.createFile(p, file.contents());
        ops.setMode(p, file.mode());
      }
      createdDirectories.sort(Comparator.comparing(String::length).reversed());
      for (String dir : createdDirectories) {
        ops.syncDirectory(root.resolve(dir));
      }
      ops.syncDirectory(root);
      ops.setMode(root, DIRECTORY_MODE);
      return name;
    }

    /** Creates a new ..timestamp directory (recorded for undo) and returns its name. */
    private String createStagingDirectory(String live) throws IOException {
      String base = TIMESTAMP.format(clock.instant());
      for (int attempt = 0; attempt < MAX_NAME_ATTEMPTS; attempt++) {
        String name = attempt == 0 ? base : base + "_" + attempt;
        if (name.equals(live)) {
          continue;
        }
        try {
          ops.createDirectory(target.resolve(name));
          staging = Optional.of(target.resolve(name));
          return name;
        } catch (FileAlreadyExistsException e) {
          // Another name; the existing entry is the live directory.
        }
      }
      throw new IOException(target + ": no free name for a staging directory near " + base);
    }

    private void createMissingLinks() throws IOException {
      for (String name : topLevel) {
        Path link = target.resolve(name);
        if (ops.stat(link).isEmpty()) {
          ops.createSymbolicLink(link, DATA_LINK + "/" + name);
          createdLinks.add(link);
        }
      }
    }

    /** Renames a new ..data_tmp link to {@code directory} over ..data: the swap. */
    private void pointDataAt(String directory) throws IOException {
      Path tmp = target.resolve(DATA_LINK_TMP);
      ops.createSymbolicLink(tmp, directory);
      dataLinkTmpCreated = true;
      Path data = target.resolve(DATA_LINK);
      Optional<BasicFileAttributes> attributes = ops.stat(data);
      if (attributes.isPresent() && !attributes.get().isSymbolicLink()) {
        // Not our layout (a planted file or directory): a rename cannot replace a directory.
        deleteTree(data);
      }
      ops.rename(tmp, data);
      dataLinkTmpCreated = false;
      staging = Optional.empty();
      createdLinks.clear();
    }

    /** Best-effort removal of what this write created before the swap; never throws. */
    private void undo(Exception failure) {
      if (pendingNameLink.isPresent()) {
        Path tmp = target.resolve(NAME_LINK_TMP);
        Path entry = target.resolve(pendingNameLink.get());
        attempt(
            failure,
            () -> {
              // A directory already moved into the live directory is reachable again through
              // the link; otherwise the plain entry is still in place and the link goes.
              if (ops.stat(entry).isEmpty()) {
                ops.rename(tmp, entry);
              } else {
                ops.delete(tmp);
              }
            });
      }
      if (dataLinkTmpCreated) {
        attempt(failure, () -> ops.delete(target.resolve(DATA_LINK_TMP)));
      }
      for (Path link : createdLinks) {
        attempt(failure, () -> ops.delete(link));
      }
      staging.ifPresent(dir -> attempt(failure, () -> deleteTree(dir)));
    }

    /** Makes each top-level name the link to ..data/name if something replaced it meanwhile. */
    private void replaceImproperEntries() throws IOException {
      for (String name : topLevel) {
        Path entry = target.resolve(name);
        String proper = DATA_LINK + "/" + name;
        Optional<BasicFileAttributes> attributes = ops.stat(entry);
        if (attributes.isPresent()
            && attributes.get().isSymbolicLink()
            && ops.readSymbolicLink(entry).equals(proper)) {
          continue;
        }
        Path tmp = target.resolve(NAME_LINK_TMP);
        deleteTree(tmp);
        ops.createSymbolicLink(tmp, proper);
        if (attributes.isPresent() && attributes.get().isDirectory()) {
          Path aside = target.resolve(REPLACED_DIR);
          deleteTree(aside);
          ops.rename(entry, aside);
        }
        ops.rename(tmp, entry);
      }
    }

    /** Removes every entry but ..data, the new directory and the top-level links. */
    private void sweep(String stagingName) throws IOException {
      for (String name : ops.list(target)) {
        if (!name.equals(DATA_LINK) && !name.equals(stagingName) && !topLevel.contains(name)) {
          deleteTree(target.resolve(name));
        }
      }
    }

    private AscpException writeFailed(String state, Exception e) {
      Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
      if (cause == null) {
        cause = e;
      }
      String detail = cause.getClass().getSimpleName();
      if (cause instanceof IOException && cause.getMessage() != null) {
        // java.nio messages are the path(s) and the operating system's reason.
        detail += ": " + cause.getMessage();
      }
      return new AscpException(
          ErrorCode.WRITE_FAILED,
          "Failed to write files to " + target + " (" + state + "): " + detail,
          e);
    }
  }

  /** A file-system step that may fail. */
  @FunctionalInterface
  private interface Step {
    void run() throws IOException;
  }

  private static void attempt(List<Exception> failures, Step step) {
    try {
      step.run();
    } catch (IOException | RuntimeException e) {
      failures.add(e);
    }
  }

  private static void attempt(Exception failure, Step step) {
    try {
      step.run();
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** Deletes {@code path} and, if it is a directory (not a link to one), everything in it. */
  private void deleteTree(Path path) throws IOException {
    Optional<BasicFileAttributes> attributes = ops.stat(path);
    if (attributes.isEmpty()) {
      return;
    }
    if (attributes.get().isDirectory()) {
      for (String child : ops.list(path)) {
        deleteTree(path.resolve(child));
      }
    }
    ops.delete(path);
  }

  /**
   * Checks every path of {@code files} and returns them sorted by path.
   *
   * @throws AscpException with {@link ErrorCode#INVALID_PARAMETERS} naming the first bad path
   */
  static List<MountedFile> validate(List<MountedFile> files, Path target) {
    requireNonNull(files, "files");
    List<MountedFile> sorted = new ArrayList<>(files);
    for (MountedFile f : sorted) {
      requireNonNull(f, "file");
      checkPath(f.path(), target);
    }
    sorted.sort(Comparator.comparing(MountedFile::path));
    Set<String> paths = new HashSet<>();
    for (MountedFile f : sorted) {
      if (!paths.add(f.path())) {
        throw invalid(f.path(), "appears more than once");
      }
    }
    for (MountedFile f : sorted) {
      String path = f.path();
      for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
        String dir = path.substring(0, slash);
        if (paths.contains(dir)) {
          throw invalid(path, quote(dir) + " is also a file");
        }
      }
    }
    return sorted;
  }

  private static void checkPath(String path, Path target) {
    if (path.isEmpty()) {
      throw invalid(path, "must not be empty");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (Character.isISOControl(c)) {
        throw invalid(path, "contains a control character");
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < path.length()
          && Character.isLowSurrogate(path.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw invalid(path, "is not valid Unicode");
      }
    }
    if (path.startsWith("/")) {
      throw invalid(path, "must be relative");
    }
    if (path.getBytes(UTF_8).length > MAX_PATH_BYTES) {
      throw invalid(path, "is longer than " + MAX_PATH_BYTES + " bytes");
    }
    String[] elements = path.split("/", -1);
    for (String element : elements) {
      if (element.isEmpty()) {
        throw invalid(path, "is not clean (an empty element)");
      }
      if (element.equals(".") || element.equals("..")) {
        throw invalid(path, "contains a " + quote(element) + " element");
      }
      if (element.getBytes(UTF_8).length > MAX_ELEMENT_BYTES) {
        throw invalid(path, "has an element longer than " + MAX_ELEMENT_BYTES + " bytes");
      }
    }
    if (elements[0].startsWith("..")) {
      throw invalid(path, "must not start with ..");
    }
    try {
      target.getFileSystem().getPath(path);
    } catch (InvalidPathException e) {
      throw invalid(path, "cannot be represented on this file system");
    }
  }

  private static AscpException invalid(String path, String problem) {
    return new AscpException(
        ErrorCode.INVALID_PARAMETERS, "Invalid file path " + quote(path) + ": " + problem);
  }

  private static String quote(String s) {
    return InMemorySecretSource.Names.quote(s);
  }
}

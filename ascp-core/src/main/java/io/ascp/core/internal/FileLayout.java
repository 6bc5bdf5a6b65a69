// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

import static io.ascp.core.internal.Messages.echo;

import io.ascp.api.JmesPathEntry;
import io.ascp.api.MountParameters;
import io.ascp.api.PathTranslation;
import io.ascp.api.SecretObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files a mount produces: their names, their modes, and the checks that keep every name inside
 * the mount directory and distinct.
 *
 * <p>Naming follows the reference provider: the base is {@code objectAlias}, else {@code
 * objectName} (for a {@code jmesPath} file, the entry's {@code objectAlias}); with path translation
 * every {@code /} becomes the translation character, without it leading slashes are stripped and
 * inner ones make subdirectories. Modes inherit object → {@code jmesPath} entry → the request's
 * default; bits above 0777 (setuid, setgid, sticky and beyond) are dropped, with one warning per
 * object, as the reference drops them silently.
 *
 * <p>The checks the reference lacks (DESIGN §6.4) make an {@code INVALID_PARAMETERS} error naming
 * the object and the file: an empty or absolute name, an empty, {@code .} or {@code ..} element, a
 * control character, an element over {@value #MAX_ELEMENT_BYTES} or a name over {@value
 * #MAX_PATH_BYTES} UTF-8 bytes, and two files with the same name or a file where another needs a
 * directory ({@code a} and {@code a/b}). They run on every plan, so parameters built in code rather
 * than parsed are held to the same rules.
 */
public final class FileLayout {
  /** The longest path element, in UTF-8 bytes (Linux {@code NAME_MAX}). */
  public static final int MAX_ELEMENT_BYTES = 255;

  /** The longest relative path, in UTF-8 bytes (the CSI driver's limit). */
  public static final int MAX_PATH_BYTES = 4096;

  private static final Logger LOG = LoggerFactory.getLogger(FileLayout.class);

  private FileLayout() {}

  /**
   * The files of a mount and the warnings planning them produced.
   *
   * @param files for each object in order, its main file, then one file per {@code jmesPath} entry
   *     in order
   * @param warnings one line per object whose permissions had bits above 0777, and one for a
   *     default mode with such bits (already logged)
   */
  public record Plan(List<PlannedFile> files, List<String> warnings) {
    /** Copies the lists. */
    public Plan {
      files = List.copyOf(files);
      warnings = List.copyOf(warnings);
    }
  }

  /** Plans the files of {@code parameters}; see {@link #plan(List, PathTranslation, int)}. */
  public static Plan plan(MountParameters parameters, int defaultMode) {
    return plan(parameters.objects(), parameters.pathTranslation(), defaultMode);
  }

  /**
   * Plans the files of {@code objects}: checks every name ({@link #checkFileNames}), then gives
   * each file its mode and logs a warning per object whose requested mode had bits above 0777.
   *
   * @param defaultMode the request's default mode (the CSI driver sends 0644), used where neither
   *     the entry nor its object sets one; any bits above 0777 are dropped
   * @throws io.ascp.api.AscpException {@code INVALID_PARAMETERS} if a file name is unsafe or taken
   */
  public static Plan plan(
      List<SecretObject> objects, PathTranslation translation, int defaultMode) {
    checkFileNames(objects, translation);
    List<PlannedFile> files = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    boolean defaultMasked = false;
    for (SecretObject object : objects) {
      Set<Integer> masked = new LinkedHashSet<>();
      OptionalInt objectMode = object.filePermission();
      int mainMode = objectMode.orElse(defaultMode);
      files.add(
          new PlannedFile(
              fileName(baseName(object), translation), object, Optional.empty(), mainMode & 0777));
      objectMode.ifPresent(m -> noteMasked(m, masked));
      defaultMasked |= objectMode.isEmpty() && (defaultMode & ~0777) != 0;
      for (JmesPathEntry entry : object.jmesPath()) {
        OptionalInt entryMode =
            entry.filePermission().isPresent() ? entry.filePermission() : objectMode;
        int mode = entryMode.orElse(defaultMode);
        entryMode.ifPresent(m -> noteMasked(m, masked));
        defaultMasked |= entryMode.isEmpty() && (defaultMode & ~0777) != 0;
        files.add(
            new PlannedFile(
                fileName(entry.objectAlias(), translation),
                object,
                Optional.of(entry),
                mode & 0777));
      }
      if (!masked.isEmpty()) {
        StringBuilder w =
            new StringBuilder("File permission bits above 0777 are ignored for object ")
                .append(echo(object.objectName()))
                .append(":");
        for (int m : masked) {
          w.append(" 0").append(Integer.toOctalString(m));
          w.append(" becomes 0").append(Integer.toOctalString(m & 0777)).append(';');
        }
        w.setLength(w.length() - 1);
        warnings.add(w.toString());
      }
    }
    if (defaultMasked) {
      warnings.add(
          "File permission bits above 0777 are ignored in the default file mode: 0"
              + Integer.toOctalString(defaultMode)
              + " becomes 0"
              + Integer.toOctalString(defaultMode & 0777));
    }
    for (String w : warnings) {
      LOG.warn("{}", w);
    }
    return new Plan(files, warnings);
  }

  private static void noteMasked(int mode, Set<Integer> masked) {
    if ((mode & ~0777) != 0) {
      masked.add(mode);
    }
  }

  /** The base of an object's main file name: its alias, else its name. */
  static String baseName(SecretObject object) {
    return object.objectAlias().orElse(object.objectName());
  }

  /**
   * A file name made from {@code base} as the reference makes it: every {@code /} replaced by the
   * translation character, or, with translation off, leading slashes stripped.
   */
  public static String fileName(String base, PathTranslation translation) {
    if (translation.enabled()) {
      return base.replace('/', translation.replacement().orElseThrow());
    }
    int start = 0;
    while (start < base.length() && base.charAt(start) == '/') {
      start++;
    }
    return base.substring(start);
  }

  /**
   * Checks every file name {@code objects} produce: each must be a safe relative path, and no two
   * may collide, neither as equal names nor as a file where another needs a directory.
   *
   * @throws io.ascp.api.AscpException {@code INVALID_PARAMETERS} naming the object and the file
   */
  public static void checkFileNames(List<SecretObject> objects, PathTranslation translation) {
    Map<String, String> files = new HashMap<>(); // file name -> who produces it
    Map<String, String> directories = new HashMap<>(); // directory -> a file that needs it
    for (SecretObject object : objects) {
      String objectSource = "object " + echo(object.objectName());
      checkFile(fileName(baseName(object), translation), objectSource, object, files, directories);
      for (JmesPathEntry entry : object.jmesPath()) {
        String source =
            "jmesPath entry " + echo(entry.path()) + " of object " + echo(object.objectName());
        checkFile(fileName(entry.objectAlias(), translation), source, object, files, directories);
      }
    }
  }

  private static void checkFile(
      String name,
      String source,
      SecretObject object,
      Map<String, String> files,
      Map<String, String> directories) {
    checkShape(name, source, object);
    String other = files.get(name);
    if (other != null) {
      throw Messages.invalid(
          "File name collision: "
              + source
              + " and "
              + other
              + " both produce the file "
              + quotedName(name));
    }
    String needing = directories.get(name);
    if (needing != null) {
      throw Messages.invalid(
          "File name collision: "
              + source
              + " produces the file "
              + quotedName(name)
              + ", which "
              + needing
              + " needs as a directory");
    }
    for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
      String directory = name.substring(0, slash);
      String owner = files.get(directory);
      if (owner != null) {
        throw Messages.invalid(
            "File name collision: "
                + source
                + " needs "
                + quotedName(directory)
                + " as a directory for the file "
                + quotedName(name)
                + ", but "
                + owner
                + " produces a file of that name");
      }
    }
    files.put(name, source);
    for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
      directories.putIfAbsent(name.substring(0, slash), source);
    }
  }

  private static void checkShape(String name, String source, SecretObject object) {
    String prefix = "Invalid file name " + quotedName(name) + " of " + source + ": ";
    if (name.isEmpty()) {
      throw Messages.invalid("Invalid file name of " + source + ": the name is empty");
    }
    if (name.startsWith("/")) {
      throw Messages.invalid(prefix + "it is an absolute path");
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.getType(name.charAt(i)) == Character.CONTROL) {
        throw Messages.invalid(prefix + "it contains a control character");
      }
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
      throw Messages.invalid(prefix + "it is longer than " + MAX_PATH_BYTES + " bytes");
    }
    if (name.startsWith("..") && !name.startsWith("../") && !name.equals("..")) {
      // The CSI driver rejects such paths, and the kubelet layout keeps its own entries there.
      throw Messages.invalid(
          prefix + "it starts with \"..\", which the atomic-writer layout reserves (..data)");
    }
    int start = 0;
    while (true) {
      int slash = name.indexOf('/', start);
      String element = slash < 0 ? name.substring(start) : name.substring(start, slash);
      if (element.isEmpty()) {
        throw Messages.invalid(prefix + "it has an empty path element");
      }
      if (element.equals("..")) {
        // The reference's phrase, for what its check misses (a bare "..", jmesPath aliases).
        throw Messages.invalid(
            "path can not contain ../: "
                + echo(object.objectName())
                + " (file name "
                + quotedName(name)
                + " of "
                + source
                + ")");
      }
      if (element.equals(".")) {
        throw Messages.invalid(prefix + "it has a \".\" path element");
      }
      if (element.getBytes(StandardCharsets.UTF_8).length > MAX_ELEMENT_BYTES) {
        throw Messages.invalid(
            prefix + "it has a path element longer than " + MAX_ELEMENT_BYTES + " bytes");
      }
      if (slash < 0) {
        return;
      }
      start = slash + 1;
    }
  }

  /* A file name for a message: quoted, escaped, and shortened when very long. */
  private static String quotedName(String name) {
    if (name.length() <= 200) {
      return Messages.quoted(name);
    }
    int end = name.offsetByCodePoints(0, 100);
    return Messages.quoted(name.substring(0, end))
        + "... ("
        + name.getBytes(StandardCharsets.UTF_8).length
        + " bytes)";
  }
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * A Docker image tarball as Jib's {@code buildTar} writes it ({@code manifest.json}, the config,
 * gzip-compressed layer tars), read with a small ustar/PAX reader.
 */
final class TarImage {
  /** One file-system entry of a layer. */
  static final class Entry {
    private final String path;
    private final char type;
    private final int mode;
    private final String linkName;
    private final byte[] content;

    Entry(String path, char type, int mode, String linkName, byte[] content) {
      this.path = path;
      this.type = type;
      this.mode = mode;
      this.linkName = linkName;
      this.content = content.clone();
    }

    String path() {
      return path;
    }

    /** The ustar type flag: '0' file, '5' directory, '2' symbolic link. */
    char type() {
      return type;
    }

    int mode() {
      return mode;
    }

    String linkName() {
      return linkName;
    }

    byte[] content() {
      return content.clone();
    }
  }

  private final JsonNode config;
  private final Map<String, Entry> entries;

  private TarImage(JsonNode config, Map<String, Entry> entries) {
    this.config = config;
    this.entries = entries;
  }

  static TarImage read(Path tarball) throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    try (InputStream in = Files.newInputStream(tarball)) {
      for (Entry e : entries(in)) {
        files.put(e.path(), e.content());
      }
    }
    ObjectMapper json = new ObjectMapper();
    JsonNode manifest = json.readTree(files.get("/manifest.json")).get(0);
    JsonNode config = json.readTree(files.get(normalize(manifest.get("Config").asText())));
    Map<String, Entry> layered = new LinkedHashMap<>();
    for (JsonNode layer : manifest.get("Layers")) {
      try (InputStream in =
          new GZIPInputStream(new ByteArrayInputStream(files.get(normalize(layer.asText()))))) {
        for (Entry e : entries(in)) {
          layered.put(normalize(e.path()), e);
        }
      }
    }
    return new TarImage(config, layered);
  }

  /** The image configuration (Entrypoint, Env, User... under {@code config}). */
  JsonNode config() {
    return config;
  }

  /** Entries of all layers by absolute path, later layers winning. */
  Map<String, Entry> entries() {
    return entries;
  }

  /** Writes the layers' files into {@code root} with their modes. */
  void extractTo(Path root) throws IOException {
    for (Entry e : entries.values()) {
      Path target = root.resolve(e.path().substring(1));
      switch (e.type()) {
        case '5' -> Files.createDirectories(target);
        case '0', '\0' -> {
          Files.createDirectories(target.getParent());
          try (OutputStream out = Files.newOutputStream(target)) {
            out.write(e.content());
          }
        }
        case '2' -> {
          Files.createDirectories(target.getParent());
          Files.createSymbolicLink(target, Path.of(e.linkName()));
        }
        default -> throw new IOException("unexpected entry type " + e.type() + " " + e.path());
      }
      if (e.type() != '2') {
        Files.setPosixFilePermissions(target, permissions(e.mode()));
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    for (int i = 0; i < order.length; i++) {
      if ((mode & (1 << i)) != 0) {
        set.add(order[i]);
      }
    }
    return set;
  }

  private static String normalize(String path) {
    String p = path.startsWith("./") ? path.substring(1) : path;
    p = p.startsWith("/") ? p : "/" + p;
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  private static List<Entry> entries(InputStream in) throws IOException {
    List<Entry> out = new ArrayList<>();
    Map<String, String> pax = new HashMap<>();
    @Nullable String longName = null;
    while (true) {
      byte[] header = in.readNBytes(512);
      if (header.length < 512 || isZero(header)) {
        return out;
      }
      String name = text(header, 0, 100);
      int mode = (int) octal(header, 100, 8);
      long size = octal(header, 124, 12);
      char type = (char) header[156];
      String link = text(header, 157, 100);
      String prefix = text(header, 345, 155);
      byte[] content = in.readNBytes((int) size);
      in.skipNBytes((512 - size % 512) % 512);
      if (type == 'x') {
        pax = parsePax(content);
        continue;
      }
      if (type == 'L') {
        longName = new String(content, StandardCharsets.UTF_8).replace("\0", "");
        continue;
      }
      String path = prefix.isEmpty() ? name : prefix + "/" + name;
      if (longName != null) {
        path = longName;
      }
      path = pax.getOrDefault("path", path);
      link = pax.getOrDefault("linkpath", link);
      out.add(new Entry(normalize(path), type, mode, link, content));
      pax = new HashMap<>();
      longName = null;
    }
  }

  private static Map<String, String> parsePax(byte[] content) {
    Map<String, String> records = new HashMap<>();
    String text = new String(content, StandardCharsets.UTF_8);
    int i = 0;
    while (i < text.length()) {
      int space = text.indexOf(' ', i);
      int length = Integer.parseInt(text.substring(i, space));
      String record = text.substring(space + 1, i + length - 1);
      int eq = record.indexOf('=');
      records.put(record.substring(0, eq), record.substring(eq + 1));
      i += length;
    }
    return records;
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String text(byte[] b, int offset, int length) {
    int end = offset;
    while (end < offset + length && b[end] != 0) {
      end++;
    }
    return new String(b, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] b, int offset, int length) {
    String s = text(b, offset, length).trim();
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
  }
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

import io.ascp.core.internal.GoValue.GoBool;
import io.ascp.core.internal.GoValue.GoFloat;
import io.ascp.core.internal.GoValue.GoInt;
import io.ascp.core.internal.GoValue.GoList;
import io.ascp.core.internal.GoValue.GoMap;
import io.ascp.core.internal.GoValue.GoNull;
import io.ascp.core.internal.GoValue.GoStr;
import io.ascp.core.internal.GoValue.GoUint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the decoded YAML into descriptors with the rules of the rest of the reference provider's
 * chain: {@code sigs.k8s.io/yaml} (keys made strings, scalars coerced to strings where a string
 * field is the target) and Go's {@code encoding/json} (keys matched case-insensitively, an exact
 * match preferred; unknown keys ignored; {@code null} leaves a string field empty).
 *
 * <p>What fails, as in the reference: a top level that is not a list (or {@code null}); a list item
 * that is not a mapping (a {@code null} item is kept and reported later as an empty descriptor); a
 * list or mapping where a string is expected; a {@code jmesPath} that is not a list or a {@code
 * failoverObject} that is not a mapping; a {@code null} or above-int64 mapping key anywhere; a
 * {@code .nan} or {@code .inf} that is not read into a string field (JSON cannot carry it).
 *
 * <p>Where Go's result depends on map iteration order (two different YAML keys that become the same
 * string, such as {@code 1} and {@code "1"}), the later key in the text wins.
 */
final class DescriptorDecoder {
  private enum Kind {
    STRING,
    JMES_LIST,
    FAILOVER
  }

  private record Field(String name, Kind kind) {}

  private static final List<Field> DESCRIPTOR_FIELDS =
      List.of(
          new Field("objectName", Kind.STRING),
          new Field("objectAlias", Kind.STRING),
          new Field("objectVersion", Kind.STRING),
          new Field("objectVersionLabel", Kind.STRING),
          new Field("objectType", Kind.STRING),
          new Field("filePermission", Kind.STRING),
          new Field("jmesPath", Kind.JMES_LIST),
          new Field("failoverObject", Kind.FAILOVER));

  private static final List<Field> JMES_FIELDS =
      List.of(
          new Field("path", Kind.STRING),
          new Field("objectAlias", Kind.STRING),
          new Field("filePermission", Kind.STRING));

  private static final List<Field> FAILOVER_FIELDS =
      List.of(
          new Field("objectName", Kind.STRING),
          new Field("objectVersion", Kind.STRING),
          new Field("objectVersionLabel", Kind.STRING));

  /** UTF-8 byte order, the order in which Go's {@code json.Marshal} writes map keys. */
  private static final Comparator<String> GO_STRING_ORDER =
      (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
          int ca = a.codePointAt(i);
          int cb = b.codePointAt(j);
          if (ca != cb) {
            return Integer.compare(ca, cb);
          }
          i += Character.charCount(ca);
          j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
      };

  private DescriptorDecoder() {}

  /**
   * The descriptors of {@code objects}, in order; an empty element stands for a {@code null} item.
   *
   * @throws io.ascp.api.AscpException {@code INVALID_PARAMETERS}, {@code Failed to load
   *     SecretProviderClass: ...}
   */
  static List<Optional<RawDescriptor>> decode(GoValue root) {
    checkKeys(root);
    if (root instanceof GoNull) {
      return List.of();
    }
    if (!(root instanceof GoList list)) {
      throw Messages.loadFailure(
          "objects must be a list, found " + root.describe() + " at " + root.position());
    }
    List<Optional<RawDescriptor>> out = new ArrayList<>(list.items().size());
    for (int i = 0; i < list.items().size(); i++) {
      GoValue item = list.items().get(i);
      String path = "objects[" + i + "]";
      if (item instanceof GoNull) {
        out.add(Optional.empty());
      } else if (item instanceof GoMap map) {
        Map<String, Object> fields = new HashMap<>();
        decodeStruct(map, DESCRIPTOR_FIELDS, fields, path);
        out.add(Optional.of(descriptor(i, item.position(), fields)));
      } else {
        throw typeError(path, "a mapping", item);
      }
    }
    return out;
  }

  private static RawDescriptor descriptor(int index, Position position, Map<String, Object> f) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> jmes =
        (List<Map<String, Object>>) f.getOrDefault("jmesPath", List.of());
    List<RawDescriptor.JmesEntry> entries = new ArrayList<>(jmes.size());
    for (Map<String, Object> e : jmes) {
      entries.add(
          new RawDescriptor.JmesEntry(
              string(e, "path"), string(e, "objectAlias"), string(e, "filePermission")));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> failover = (Map<String, Object>) f.getOrDefault("failoverObject", Map.of());
    return new RawDescriptor(
        index,
        position,
        string(f, "objectName"),
        string(f, "objectAlias"),
        string(f, "objectVersion"),
        string(f, "objectVersionLabel"),
        string(f, "objectType"),
        string(f, "filePermission"),
        entries,
        new RawDescriptor.Failover(
            string(failover, "objectName"),
            string(failover, "objectVersion"),
            string(failover, "objectVersionLabel")));
  }

  private static String string(Map<String, Object> fields, String name) {
    return (String) fields.getOrDefault(name, "");
  }

  /* Go encoding/json decoding a JSON object into a struct, keys in json.Marshal's order. */
  private static void decodeStruct(
      GoMap map, List<Field> fields, Map<String, Object> into, String path) {
    List<Map.Entry<String, GoValue>> sorted = new ArrayList<>(stringKeys(map).entrySet());
    sorted.sort(Map.Entry.comparingByKey(GO_STRING_ORDER));
    for (Map.Entry<String, GoValue> keyed : sorted) {
      String key = keyed.getKey();
      GoValue value = keyed.getValue();
      Optional<Field> field = jsonField(key, fields);
      if (field.isEmpty()) {
        checkMarshalable(value);
        continue;
      }
      Field f = field.get();
      String fieldPath = path + "." + f.name();
      switch (f.kind()) {
        case STRING -> {
          boolean coerce = key.equals(f.name()) || sigsEqualFold(f.name(), key);
          toString(value, coerce, fieldPath).ifPresent(s -> into.put(f.name(), s));
        }
        case JMES_LIST -> {
          if (value instanceof GoNull) {
            into.put(f.name(), List.of());
          } else if (value instanceof GoList list) {
            List<Map<String, Object>> entries = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
              GoValue item = list.items().get(i);
              Map<String, Object> entry = new HashMap<>();
              if (item instanceof GoMap itemMap) {
                decodeStruct(itemMap, JMES_FIELDS, entry, fieldPath + "[" + i + "]");
              } else if (!(item instanceof GoNull)) {
                throw typeError(fieldPath + "[" + i + "]", "a mapping", item);
              }
              entries.add(entry);
            }
            into.put(f.name(), entries);
          } else {
            throw typeError(fieldPath, "a list", value);
          }
        }
        case FAILOVER -> {
          if (value instanceof GoMap failover) {
            @SuppressWarnings("unchecked")
            Map<String, Object> existing =
                (Map<String, Object>) into.computeIfAbsent(f.name(), k -> new HashMap<>());
            decodeStruct(failover, FAILOVER_FIELDS, existing, fieldPath);
          } else if (!(value instanceof GoNull)) {
            throw typeError(fieldPath, "a mapping", value);
          }
        }
      }
    }
  }

  /* A scalar read into a Go string field; empty for null, which leaves the field unchanged. */
  private static Optional<String> toString(GoValue value, boolean coerce, String path) {
    if (value instanceof GoStr s) {
      return Optional.of(s.value());
    }
    if (value instanceof GoNull) {
      return Optional.empty();
    }
    if (!coerce || value instanceof GoList || value instanceof GoMap) {
      throw typeError(path, "a string", value);
    }
    if (value instanceof GoBool b) {
      return Optional.of(b.value() ? "true" : "false");
    }
    if (value instanceof GoInt i) {
      return Optional.of(Long.toString(i.value()));
    }
    if (value instanceof GoUint u) {
      return Optional.of(Long.toUnsignedString(u.bits()));
    }
    return Optional.of(GoStrconv.formatFloat32(((GoFloat) value).value()));
  }

  /* sigs.k8s.io/yaml: a map with keys made strings; for two keys making the same string, the later. */
  private static Map<String, GoValue> stringKeys(GoMap map) {
    Map<String, GoValue> out = new LinkedHashMap<>();
    for (GoMap.Entry e : map.entries()) {
      out.put(keyString(e.key()), e.value());
    }
    return out;
  }

  private static String keyString(GoValue key) {
    if (key instanceof GoStr s) {
      return s.value();
    }
    if (key instanceof GoInt i) {
      return Long.toString(i.value());
    }
    if (key instanceof GoBool b) {
      return b.value() ? "true" : "false";
    }
    if (key instanceof GoFloat f) {
      String s = GoStrconv.formatFloat32(f.value());
      return switch (s) {
        case "+Inf" -> ".inf";
        case "-Inf" -> "-.inf";
        case "NaN" -> ".nan";
        default -> s;
      };
    }
    throw new IllegalStateException("key kinds are checked before"); // null and uint64 keys
  }

  /* sigs.k8s.io/yaml refuses null and uint64 map keys, anywhere in the document. */
  private static void checkKeys(GoValue value) {
    if (value instanceof GoList list) {
      for (GoValue item : list.items()) {
        checkKeys(item);
      }
    } else if (value instanceof GoMap map) {
      for (GoMap.Entry e : map.entries()) {
        if (e.key() instanceof GoNull) {
          throw Messages.loadFailure(
              "the mapping key at " + e.key().position() + " is null; a key must be a string");
        }
        if (e.key() instanceof GoUint) {
          throw Messages.loadFailure(
              "the mapping key at "
                  + e.key().position()
                  + " is a number above 9223372036854775807; a key must be a string");
        }
        checkKeys(e.value());
      }
    }
  }

  /* json.Marshal cannot write NaN or infinities. */
  private static void checkMarshalable(GoValue value) {
    if (value instanceof GoFloat f && (Double.isNaN(f.value()) || Double.isInfinite(f.value()))) {
      throw Messages.loadFailure(
          "the value at " + value.position() + " is .nan or .inf, which JSON cannot represent");
    }
    if (value instanceof GoList list) {
      list.items().forEach(DescriptorDecoder::checkMarshalable);
    } else if (value instanceof GoMap map) {
      stringKeys(map).values().forEach(DescriptorDecoder::checkMarshalable);
    }
  }

  /* Go encoding/json: the field whose name equals the key, else one equal under Unicode folding. */
  private static Optional<Field> jsonField(String key, List<Field> fields) {
    for (Field f : fields) {
      if (f.name().equals(key)) {
        return Optional.of(f);
      }
    }
    String folded = goFold(key);
    for (Field f : fields) {
      if (goFold(f.name()).equals(folded)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /* encoding/json's foldName: ASCII upper case; other runes ToUpper(ToLower(r)). */
  static String goFold(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp < 0x80) {
        out.append((char) (cp >= 'a' && cp <= 'z' ? cp - ('a' - 'A') : cp));
      } else {
        out.appendCodePoint(Character.toUpperCase(Character.toLowerCase(cp)));
      }
    }
    return out.toString();
  }

  /*
   * The case-insensitive match sigs.k8s.io/yaml uses to find the target field (an older copy of
   * encoding/json's): ASCII letters fold; for names with an 's' or a 'k', the long s (U+017F) and
   * the Kelvin sign (U+212A) match too. Only a key that matches this way has its scalar coerced to a
   * string; a key that only Go's newer folding matches must already hold a string.
   */
  static boolean sigsEqualFold(String name, String key) {
    boolean special = false;
    for (int i = 0; i < name.length(); i++) {
      char upper = (char) (name.charAt(i) & ~0x20);
      if (upper == 'K' || upper == 'S') {
        special = true;
      }
    }
    int j = 0;
    for (int i = 0; i < name.length(); i++) {
      if (j >= key.length()) {
        return false;
      }
      char sb = name.charAt(i);
      int tr = key.codePointAt(j);
      if (tr < 0x80) {
        if (sb != tr && ((sb & ~0x20) != (tr & ~0x20) || !Character.isLetter(sb))) {
          return false;
        }
      } else if (!special) {
        return false;
      } else if ((sb == 's' || sb == 'S') && tr == 0x17f) {
        // long s
      } else if ((sb == 'k' || sb == 'K') && tr == 0x212a) {
        // Kelvin sign
      } else {
        return false;
      }
      j += Character.charCount(tr);
    }
    return j == key.length();
  }

  private static io.ascp.api.AscpException typeError(String path, String expected, GoValue found) {
    return Messages.loadFailure(
        path + " must be " + expected + ", found " + found.describe() + " at " + found.position());
  }
}

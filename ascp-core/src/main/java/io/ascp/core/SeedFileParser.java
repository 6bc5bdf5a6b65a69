// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.core.InMemorySecretSource.Names;
import io.ascp.core.InMemorySecretSource.ParameterSpec;
import io.ascp.core.InMemorySecretSource.SecretSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The reader of the in-memory store's seed documents (format version 1, JSON or YAML); see {@code
 * docs/library.md}. Every error is an {@link AscpException} with {@link
 * ErrorCode#INVALID_PARAMETERS} naming the source, the entry and the field, never a value.
 */
final class SeedFileParser {
  /*
   * Strictness is deliberate: unknown fields are errors (typos would otherwise drop data
   * silently), and values must be YAML/JSON strings, because YAML turns unquoted 0777, 1.10,
   * true or 2024-01-01 into other things. Parser messages can quote the document, so only the
   * line and column of a syntax error are reported.
   */

  static final int MAX_SEED_BYTES = 64 * 1024 * 1024;

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final Set<String> ROOT_FIELDS = Set.of("formatVersion", "secrets", "parameters");
  private static final Set<String> SECRET_FIELDS =
      Set.of("name", "arn", "regions", "value", "binary", "versions");
  private static final Set<String> SECRET_VERSION_FIELDS =
      Set.of("versionId", "value", "binary", "stages");
  private static final Set<String> PARAMETER_FIELDS =
      Set.of("name", "type", "arn", "regions", "value", "versions");
  private static final Set<String> PARAMETER_VERSION_FIELDS = Set.of("value", "labels");

  private final String source;

  private SeedFileParser(String source) {
    this.source = source;
  }

  static InMemorySecretSource parseFile(Path file) {
    String source = file.toString();
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_SEED_BYTES) {
        throw new SeedFileParser(source).fail("the file is larger than 64 MiB");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new AscpException(
          ErrorCode.INVALID_PARAMETERS,
          "Cannot read the in-memory store seed " + source + ": " + e.getClass().getSimpleName(),
          e);
    }
    return parse(decode(bytes, source), source);
  }

  static InMemorySecretSource parseStream(InputStream in, String source) {
    byte[] bytes;
    try {
      bytes = in.readNBytes(MAX_SEED_BYTES + 1);
    } catch (IOException e) {
      throw new AscpException(
          ErrorCode.INVALID_PARAMETERS,
          "Cannot read the in-memory store seed " + source + ": " + e.getClass().getSimpleName(),
          e);
    }
    if (bytes.length > MAX_SEED_BYTES) {
      throw new SeedFileParser(source).fail("the document is larger than 64 MiB");
    }
    return parse(decode(bytes, source), source);
  }

  static InMemorySecretSource parse(String text, String source) {
    return new SeedFileParser(source).read(text);
  }

  private static String decode(byte[] bytes, String source) {
    try {
      return UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new SeedFileParser(source).fail("the document is not valid UTF-8");
    }
  }

  private InMemorySecretSource read(String text) {
    String stripped = text.startsWith("\uFEFF") ? text.substring(1) : text;
    boolean json = stripped.stripLeading().startsWith("{");
    JsonNode root;
    try {
      root = (json ? JSON : YAML).readTree(stripped);
    } catch (JsonProcessingException e) {
      throw fail(syntaxError(json ? "JSON" : "YAML", e));
    } catch (RuntimeException e) {
      // SnakeYAML reports a few problems (for example, too many aliases) unchecked.
      throw fail("not valid " + (json ? "JSON" : "YAML"));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw fail("the document is empty; it needs at least formatVersion: 1");
    }
    if (!root.isObject()) {
      throw fail("the document must be a mapping with formatVersion, secrets and parameters");
    }
    checkFields(root, ROOT_FIELDS, "");
    JsonNode version = root.get("formatVersion");
    if (version == null) {
      throw fail("missing field \"formatVersion\" (this reader understands formatVersion: 1)");
    }
    if (!(version.isIntegralNumber()
            && version.asLong() == InMemorySecretSource.SEED_FORMAT_VERSION)
        && !(version.isTextual() && version.textValue().equals("1"))) {
      throw fail("unsupported formatVersion (this reader understands formatVersion: 1)");
    }
    InMemorySecretSource.Builder builder = InMemorySecretSource.builder();
    List<JsonNode> secrets = list(root, "secrets", "");
    for (int i = 0; i < secrets.size(); i++) {
      readSecret(builder, secrets.get(i), "secrets[" + i + "]");
    }
    List<JsonNode> parameters = list(root, "parameters", "");
    for (int i = 0; i < parameters.size(); i++) {
      readParameter(builder, parameters.get(i), "parameters[" + i + "]");
    }
    return builder.build();
  }

  private void readSecret(InMemorySecretSource.Builder builder, JsonNode entry, String at) {
    if (!entry.isObject()) {
      throw fail(at + ": an entry must be a mapping");
    }
    String name = requiredString(entry, "name", at);
    String where = at + " " + Names.quote(name);
    checkFields(entry, SECRET_FIELDS, where);
    boolean shorthand = entry.has("value") || entry.has("binary");
    if (shorthand && entry.has("versions")) {
      throw fail(where + ": use either value/binary or versions, not both");
    }
    if (!shorthand && !entry.has("versions")) {
      throw fail(where + ": missing field \"value\", \"binary\" or \"versions\"");
    }
    Consumer<SecretSpec> spec =
        s -> {
          optionalString(entry, "arn", where)
              .ifPresent(arn -> apply(where, "arn", () -> s.arn(arn)));
          if (entry.has("regions")) {
            List<String> regions = stringList(entry, "regions", where);
            apply(where, "regions", () -> s.regions(regions));
          }
          if (shorthand) {
            SecretContent content = content(entry, where);
            apply(
                where,
                "value",
                () -> s.addVersion(Optional.empty(), content.bytes, content.binary, null));
            return;
          }
          List<JsonNode> versions = list(entry, "versions", where);
          if (versions.isEmpty()) {
            throw fail(where + ": field \"versions\" must not be empty");
          }
          for (int i = 0; i < versions.size(); i++) {
            JsonNode v = versions.get(i);
            String vat = where + ": versions[" + i + "]";
            if (!v.isObject()) {
              throw fail(vat + ": a version must be a mapping");
            }
            checkFields(v, SECRET_VERSION_FIELDS, vat);
            Optional<String> id = optionalString(v, "versionId", vat);
            id.ifPresent(x -> apply(vat, "versionId", () -> Names.versionId(x)));
            SecretContent content = content(v, vat);
            List<String> stages = v.has("stages") ? stringList(v, "stages", vat) : null;
            apply(
                vat,
                v.has("stages") ? "stages" : "versionId",
                () -> s.addVersion(id, content.bytes, content.binary, stages));
          }
        };
    apply(where, null, () -> builder.secret(name, spec));
  }

  private void readParameter(InMemorySecretSource.Builder builder, JsonNode entry, String at) {
    if (!entry.isObject()) {
      throw fail(at + ": an entry must be a mapping");
    }
    String name = requiredString(entry, "name", at);
    String where = at + " " + Names.quote(name);
    checkFields(entry, PARAMETER_FIELDS, where);
    ParameterType type =
        optionalString(entry, "type", where)
            .map(
                t ->
                    ParameterType.fromAwsName(t)
                        .orElseThrow(
                            () ->
                                fail(
                                    where
                                        + ": field \"type\" must be String, SecureString or"
                                        + " StringList")))
            .orElse(ParameterType.STRING);
    if (entry.has("value") && entry.has("versions")) {
      throw fail(where + ": use either value or versions, not both");
    }
    if (!entry.has("value") && !entry.has("versions")) {
      throw fail(where + ": missing field \"value\" or \"versions\"");
    }
    Consumer<ParameterSpec> spec =
        p -> {
          optionalString(entry, "arn", where)
              .ifPresent(arn -> apply(where, "arn", () -> p.arn(arn)));
          if (entry.has("regions")) {
            List<String> regions = stringList(entry, "regions", where);
            apply(where, "regions", () -> p.regions(regions));
          }
          if (entry.has("value")) {
            String value = parameterValue(entry, type, where);
            apply(where, "value", () -> p.version(value));
            return;
          }
          List<JsonNode> versions = list(entry, "versions", where);
          if (versions.isEmpty()) {
            throw fail(where + ": field \"versions\" must not be empty");
          }
          for (int i = 0; i < versions.size(); i++) {
            JsonNode v = versions.get(i);
            String vat = where + ": versions[" + i + "]";
            if (!v.isObject()) {
              throw fail(vat + ": a version must be a mapping");
            }
            checkFields(v, PARAMETER_VERSION_FIELDS, vat);
            if (!v.has("value")) {
              throw fail(vat + ": missing field \"value\"");
            }
            String value = parameterValue(v, type, vat);
            String[] labels =
                v.has("labels")
                    ? stringList(v, "labels", vat).toArray(String[]::new)
                    : new String[0];
            apply(vat, v.has("labels") ? "labels" : "value", () -> p.version(value, labels));
          }
        };
    apply(where, null, () -> builder.parameter(name, spec));
  }

  private String parameterValue(JsonNode entry, ParameterType type, String at) {
    JsonNode node = entry.get("value");
    if (node != null && node.isArray()) {
      if (type != ParameterType.STRING_LIST) {
        throw fail(at + ": field \"value\" may be a list only for a StringList");
      }
      List<String> items = stringList(entry, "value", at);
      if (items.isEmpty()) {
        throw fail(at + ": field \"value\" must not be an empty list");
      }
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i).isEmpty() || items.get(i).contains(",")) {
          throw fail(at + ": item " + i + " of field \"value\" is empty or contains a comma");
        }
      }
      return String.join(",", items);
    }
    return requiredString(entry, "value", at);
  }

  /** The types of a parameter; informative, except that a StringList may be given as a list. */
  private enum ParameterType {
    STRING("String"),
    SECURE_STRING("SecureString"),
    STRING_LIST("StringList");

    private final String awsName;

    ParameterType(String awsName) {
      this.awsName = awsName;
    }

    static Optional<ParameterType> fromAwsName(String name) {
      for (ParameterType t : values()) {
        if (t.awsName.equals(name)) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }
  }

  private static final class SecretContent {
    final byte[] bytes;
    final boolean binary;

    SecretContent(byte[] bytes, boolean binary) {
      this.bytes = bytes;
      this.binary = binary;
    }
  }

  private SecretContent content(JsonNode node, String at) {
    if (node.has("value") && node.has("binary")) {
      throw fail(at + ": use either value or binary, not both");
    }
    if (node.has("binary")) {
      String base64 = requiredString(node, "binary", at);
      try {
        return new SecretContent(Base64.getDecoder().decode(base64.replaceAll("\\s+", "")), true);
      } catch (IllegalArgumentException e) {
        throw fail(at + ": field \"binary\" is not valid base64");
      }
    }
    if (!node.has("value")) {
      throw fail(at + ": missing field \"value\" or \"binary\"");
    }
    return new SecretContent(requiredString(node, "value", at).getBytes(UTF_8), false);
  }

  private void checkFields(JsonNode node, Set<String> allowed, String at) {
    for (Map.Entry<String, JsonNode> property : node.properties()) {
      String field = property.getKey();
      if (!allowed.contains(field)) {
        throw fail(
            (at.isEmpty() ? "" : at + ": ")
                + "unknown field "
                + Names.quote(field)
                + " (allowed: "
                + String.join(", ", new java.util.TreeSet<>(allowed))
                + ")");
      }
    }
  }

  private List<JsonNode> list(JsonNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw fail(prefix(at) + "field \"" + field + "\" must be a list");
    }
    List<JsonNode> items = new ArrayList<>();
    value.forEach(items::add);
    return items;
  }

  private List<String> stringList(JsonNode node, String field, String at) {
    List<String> strings = new ArrayList<>();
    List<JsonNode> items = list(node, field, at);
    for (int i = 0; i < items.size(); i++) {
      if (!items.get(i).isTextual()) {
        throw fail(
            prefix(at) + "item " + i + " of field \"" + field + "\" must be a string (quote it)");
      }
      strings.add(items.get(i).textValue());
    }
    return strings;
  }

  private String requiredString(JsonNode node, String field, String at) {
    return optionalString(node, field, at)
        .orElseThrow(() -> fail(prefix(at) + "missing field \"" + field + "\""));
  }

  private Optional<String> optionalString(JsonNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw fail(prefix(at) + "field \"" + field + "\" must be a string (quote it)");
    }
    return Optional.of(value.textValue());
  }

  /** Runs a builder step, turning its complaint into an error that names the entry and field. */
  private void apply(String at, @Nullable String field, Runnable step) {
    try {
      step.run();
    } catch (IllegalArgumentException e) {
      // Builder messages name names, ids, stages, labels and regions, never values.
      throw fail(prefix(at) + (field == null ? "" : "field \"" + field + "\": ") + e.getMessage());
    }
  }

  private static String prefix(String at) {
    return at.isEmpty() ? "" : at + ": ";
  }

  private static String syntaxError(String format, JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    String what =
        String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")
            ? "a duplicate key"
            : "not valid " + format;
    if (location == null || location.getLineNr() < 0) {
      return what;
    }
    return what + " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private AscpException fail(String problem) {
    return new AscpException(
        ErrorCode.INVALID_PARAMETERS, "Invalid in-memory store seed " + source + ": " + problem);
  }
}

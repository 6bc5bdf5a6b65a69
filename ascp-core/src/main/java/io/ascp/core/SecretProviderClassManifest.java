// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Kubernetes {@code SecretProviderClass} read from a manifest file: its name, its provider and
 * its {@code spec.parameters}, the map that {@link ParameterParser#parse} takes. Lets JVM tools and
 * the command line use the same YAML a cluster uses.
 *
 * <pre>{@code
 * SecretProviderClassManifest spc = SecretProviderClassManifest.read(Path.of("spc.yaml"));
 * MountParameters parameters = ParameterParser.parse(spc.parameters(), "us-east-1");
 * }</pre>
 *
 * <p>As in the Kubernetes API, every parameter value must be a string: an unquoted {@code true} or
 * {@code 0644} is rejected with a message that names the key. Errors never quote the file's
 * contents; they give the document, the key, or a line and column.
 *
 * <p>{@code spec.secretObjects}, the Kubernetes Secrets the CSI driver syncs from the mounted
 * files, is read too ({@link #secretObjects()}); the provider never sees it, but tools check it
 * against the files the class produces.
 *
 * @param name {@code metadata.name}, empty if absent
 * @param provider {@code spec.provider}, empty if absent
 * @param parameters {@code spec.parameters}, sorted by key
 * @param secretObjects {@code spec.secretObjects}, in order; empty if absent
 */
public record SecretProviderClassManifest(
    String name,
    String provider,
    Map<String, String> parameters,
    List<KubernetesSecret> secretObjects) {

  private static final int MAX_BYTES = 4 * 1024 * 1024;
  private static final ObjectMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** Checks the components and copies the collections. */
  public SecretProviderClassManifest {
    requireNonNull(name, "name");
    requireNonNull(provider, "provider");
    parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
    secretObjects = List.copyOf(secretObjects);
  }

  /** A class without {@code secretObjects}. */
  public SecretProviderClassManifest(String name, String provider, Map<String, String> parameters) {
    this(name, provider, parameters, List.of());
  }

  /**
   * One entry of {@code spec.secretObjects}: a Kubernetes Secret that the CSI driver creates from
   * the mounted files when its Secret sync is enabled. Values are kept exactly as written (the
   * driver trims names and keys itself); a missing string is empty.
   *
   * @param secretName {@code secretName}
   * @param type {@code type}, e.g. {@code Opaque} or {@code kubernetes.io/tls}
   * @param labels {@code labels}, in file order
   * @param annotations {@code annotations}, in file order
   * @param data {@code data}: which mounted file becomes which key of the Secret, in order
   */
  public record KubernetesSecret(
      String secretName,
      String type,
      Map<String, String> labels,
      Map<String, String> annotations,
      List<Data> data) {
    /** Checks the components and copies the collections, keeping their order. */
    public KubernetesSecret {
      requireNonNull(secretName, "secretName");
      requireNonNull(type, "type");
      labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
      annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
      data = List.copyOf(data);
    }

    /**
     * One {@code data} entry.
     *
     * @param objectName the mounted file's path relative to the volume (an object's alias or file
     *     name)
     * @param key the key of the Secret's data that receives the file's contents
     */
    public record Data(String objectName, String key) {
      /** Checks the components. */
      public Data {
        requireNonNull(objectName, "objectName");
        requireNonNull(key, "key");
      }
    }
  }

  /**
   * Reads the only {@code SecretProviderClass} of a manifest file (other kinds in the file are
   * skipped).
   *
   * @throws AscpException {@code INVALID_PARAMETERS} if the file cannot be read, is not YAML, or
   *     holds no or several classes
   */
  public static SecretProviderClassManifest read(Path file) {
    return only(readAll(file), file.toString(), Optional.empty());
  }

  /** Reads the {@code SecretProviderClass} named {@code name} from a manifest file. */
  public static SecretProviderClassManifest read(Path file, String name) {
    return only(readAll(file), file.toString(), Optional.of(requireNonNull(name, "name")));
  }

  /** Reads every {@code SecretProviderClass} of a manifest file, in file order. */
  public static List<SecretProviderClassManifest> readAll(Path file) {
    requireNonNull(file, "file");
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw invalid(file.toString(), "the file is larger than 4 MiB");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new AscpException(
          ErrorCode.INVALID_PARAMETERS,
          "Cannot read SecretProviderClass manifest " + file + ": " + e.getClass().getSimpleName(),
          e);
    }
    String text;
    try {
      text =
          UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw invalid(file.toString(), "the file is not valid UTF-8");
    }
    return parseAll(text, file.toString());
  }

  /**
   * Parses every {@code SecretProviderClass} of a manifest text, in order.
   *
   * @param source how to name the text in error messages (a file name, {@code "<stdin>"})
   */
  public static List<SecretProviderClassManifest> parseAll(String yaml, String source) {
    requireNonNull(yaml, "yaml");
    requireNonNull(source, "source");
    List<SecretProviderClassManifest> classes = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      int index = 0;
      while (hasNext(documents, source)) {
        JsonNode document = next(documents, source);
        index++;
        if (document == null || !document.isObject()) {
          continue;
        }
        if (!"SecretProviderClass".equals(document.path("kind").asText(""))) {
          continue;
        }
        classes.add(fromDocument(document, source, index));
      }
    } catch (IOException e) {
      throw invalid(source, "not valid YAML");
    }
    return classes;
  }

  private static boolean hasNext(Iterator<JsonNode> documents, String source) {
    try {
      return documents.hasNext();
    } catch (RuntimeException e) {
      throw invalid(source, syntaxError(e));
    }
  }

  private static JsonNode next(Iterator<JsonNode> documents, String source) {
    try {
      return documents.next();
    } catch (RuntimeException e) {
      throw invalid(source, syntaxError(e));
    }
  }

  private static SecretProviderClassManifest fromDocument(
      JsonNode document, String source, int index) {
    String where = "document " + index;
    String name = document.path("metadata").path("name").asText("");
    JsonNode spec = document.path("spec");
    String provider = spec.path("provider").asText("");
    JsonNode parametersNode = spec.path("parameters");
    Map<String, String> parameters = new TreeMap<>();
    if (!parametersNode.isMissingNode() && !parametersNode.isNull()) {
      if (!parametersNode.isObject()) {
        throw invalid(source, where + ": spec.parameters must be a map of strings");
      }
      for (Map.Entry<String, JsonNode> entry : parametersNode.properties()) {
        JsonNode value = entry.getValue();
        if (!value.isTextual()) {
          throw invalid(
              source,
              where
                  + ": spec.parameters."
                  + entry.getKey()
                  + " must be a string, as in the Kubernetes API (quote the value)");
        }
        parameters.put(entry.getKey(), value.textValue());
      }
    }
    return new SecretProviderClassManifest(
        name, provider, parameters, secretObjects(spec.path("secretObjects"), source, where));
  }

  private static List<KubernetesSecret> secretObjects(JsonNode node, String source, String where) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    String field = "spec.secretObjects";
    if (!node.isArray()) {
      throw invalid(source, where + ": " + field + " must be a list");
    }
    List<KubernetesSecret> secrets = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String at = field + "[" + i + "]";
      JsonNode entry = node.get(i);
      if (!entry.isObject()) {
        throw invalid(source, where + ": " + at + " must be a mapping");
      }
      List<KubernetesSecret.Data> data = new ArrayList<>();
      JsonNode dataNode = entry.path("data");
      if (!dataNode.isMissingNode() && !dataNode.isNull()) {
        if (!dataNode.isArray()) {
          throw invalid(source, where + ": " + at + ".data must be a list");
        }
        for (int j = 0; j < dataNode.size(); j++) {
          String dataAt = at + ".data[" + j + "]";
          JsonNode d = dataNode.get(j);
          if (!d.isObject()) {
            throw invalid(source, where + ": " + dataAt + " must be a mapping");
          }
          data.add(
              new KubernetesSecret.Data(
                  text(d, "objectName", source, where, dataAt),
                  text(d, "key", source, where, dataAt)));
        }
      }
      secrets.add(
          new KubernetesSecret(
              text(entry, "secretName", source, where, at),
              text(entry, "type", source, where, at),
              stringMap(entry, "labels", source, where, at),
              stringMap(entry, "annotations", source, where, at),
              data));
    }
    return secrets;
  }

  private static String text(JsonNode parent, String key, String source, String where, String at) {
    JsonNode value = parent.path(key);
    if (value.isMissingNode() || value.isNull()) {
      return "";
    }
    if (!value.isTextual()) {
      throw invalid(source, where + ": " + at + "." + key + " must be a string");
    }
    return value.textValue();
  }

  private static Map<String, String> stringMap(
      JsonNode parent, String key, String source, String where, String at) {
    JsonNode value = parent.path(key);
    Map<String, String> map = new LinkedHashMap<>();
    if (value.isMissingNode() || value.isNull()) {
      return map;
    }
    if (!value.isObject()) {
      throw invalid(source, where + ": " + at + "." + key + " must be a map of strings");
    }
    for (Map.Entry<String, JsonNode> e : value.properties()) {
      if (!e.getValue().isTextual()) {
        throw invalid(
            source, where + ": " + at + "." + key + "." + e.getKey() + " must be a string");
      }
      map.put(e.getKey(), e.getValue().textValue());
    }
    return map;
  }

  private static SecretProviderClassManifest only(
      List<SecretProviderClassManifest> classes, String source, Optional<String> name) {
    List<SecretProviderClassManifest> matching = new ArrayList<>();
    for (SecretProviderClassManifest spc : classes) {
      if (name.isEmpty() || name.get().equals(spc.name())) {
        matching.add(spc);
      }
    }
    if (matching.size() == 1) {
      return matching.get(0);
    }
    if (matching.isEmpty()) {
      throw invalid(
          source,
          name.map(n -> "no SecretProviderClass named " + n)
              .orElse("no SecretProviderClass (kind: SecretProviderClass) in the file"));
    }
    List<String> names = new ArrayList<>();
    matching.forEach(spc -> names.add(spc.name()));
    throw invalid(source, "several SecretProviderClasses " + names + "; choose one by name");
  }

  private static String syntaxError(RuntimeException e) {
    Throwable cause = e.getCause();
    if (cause instanceof JsonProcessingException jpe) {
      JsonLocation location = jpe.getLocation();
      String what =
          String.valueOf(jpe.getOriginalMessage()).startsWith("Duplicate field")
              ? "a duplicate key"
              : "not valid YAML";
      if (location != null && location.getLineNr() > 0) {
        return what + " at line " + location.getLineNr() + ", column " + location.getColumnNr();
      }
      return what;
    }
    return "not valid YAML";
  }

  private static AscpException invalid(String source, String problem) {
    return new AscpException(
        ErrorCode.INVALID_PARAMETERS,
        "Invalid SecretProviderClass manifest " + source + ": " + problem);
  }
}

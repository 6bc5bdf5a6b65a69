// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.JmesPathEntry;
import io.ascp.api.SecretObject;
import io.burt.jmespath.Expression;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON key extraction of an object's {@code jmesPath} entries: parses a fetched value as JSON
 * and evaluates each entry's JMESPath expression against it, with the reference provider's rules
 * and messages.
 *
 * <p>Every failure is an {@link AscpException} with {@link ErrorCode#EXTRACTION_FAILED} and one of
 * the reference texts; a message names the object, the path or the alias, never the value, and
 * never carries the JSON parser's or the JMESPath library's own message (either can quote the
 * value). Stateless and thread-safe.
 */
public final class JsonKeyExtractor {
  /*
   * Parity notes (reference §4.6, go-jmespath v0.4.0 on encoding/json):
   * - Bytes are decoded as UTF-8 with replacement before parsing: Go's decoder replaces invalid
   *   UTF-8 inside strings with U+FFFD instead of failing; everywhere else a replaced byte is a
   *   syntax error in both.
   * - Go rejects trailing data after the top-level value and an empty input; Jackson does
   *   neither by default, hence FAIL_ON_TRAILING_TOKENS and the explicit missing-node check.
   * - Go's Search reports compile and evaluation errors alike, so both map to "Invalid JMES
   *   Path"; the Go library panics on some inputs, so anything the Java library throws (a
   *   StackOverflowError from a deeply nested expression included) maps there too.
   * - Unpaired surrogates (from "\ud800" escapes) become U+FFFD when encoded, as in Go.
   */

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private static final JacksonRuntime RUNTIME = new JacksonRuntime();
  private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

  private JsonKeyExtractor() {}

  /**
   * Extracts every {@code jmesPath} entry of {@code object} from {@code value}.
   *
   * @param object the object whose entries are evaluated; its name appears in the invalid-JSON
   *     message
   * @param value the fetched value (a secret string's UTF-8 bytes, a parameter value or a secret
   *     binary)
   * @return the UTF-8 bytes of each entry's string result, in entry order (a fresh list of fresh
   *     arrays; an entry may yield an empty array); empty when the object has no entries, in which
   *     case the value is not parsed
   * @throws AscpException with {@link ErrorCode#EXTRACTION_FAILED} when the value is not JSON, an
   *     expression is invalid or fails, or a result is missing or not a string
   */
  public static List<byte[]> extract(SecretObject object, byte[] value) {
    requireNonNull(object, "object");
    requireNonNull(value, "value");
    List<JmesPathEntry> entries = object.jmesPath();
    if (entries.isEmpty()) {
      return new ArrayList<>();
    }
    JsonNode document = parse(object.objectName(), value);
    Map<String, Expression<JsonNode>> compiled = new HashMap<>();
    List<byte[]> results = new ArrayList<>(entries.size());
    for (JmesPathEntry entry : entries) {
      String path = entry.path();
      Expression<JsonNode> expression = compiled.get(path);
      if (expression == null) {
        expression = compile(path);
        compiled.put(path, expression);
      }
      JsonNode result = search(expression, document, path);
      if (result == null || result.isNull() || result.isMissingNode()) {
        throw failure(
            "JMES Path - "
                + path
                + " for object alias - "
                + entry.objectAlias()
                + " does not point to a valid object.");
      }
      if (!result.isTextual()) {
        throw failure(
            "Invalid JMES search result type for path:" + path + ". Only string is allowed.");
      }
      results.add(utf8(result.textValue()));
    }
    return results;
  }

  private static JsonNode parse(String objectName, byte[] value) {
    String text = new String(value, StandardCharsets.UTF_8);
    JsonNode document;
    try {
      document = MAPPER.readTree(text);
    } catch (JsonProcessingException | RuntimeException e) {
      // The parser's message can quote the value: only the object's name is reported.
      throw failure("Invalid JSON used with jmesPath in secret: " + objectName + ".");
    }
    if (document == null || document.isMissingNode()) {
      throw failure("Invalid JSON used with jmesPath in secret: " + objectName + ".");
    }
    return document;
  }

  // The JMESPath library throws unchecked exceptions only; a StackOverflowError comes from its
  // recursive-descent parser and evaluator on very deeply nested expressions.
  private static Expression<JsonNode> compile(String path) {
    try {
      return RUNTIME.compile(path);
    } catch (RuntimeException | StackOverflowError e) {
      throw failure("Invalid JMES Path: " + path + ".");
    }
  }

  private static @Nullable JsonNode search(
      Expression<JsonNode> expression, JsonNode document, String path) {
    try {
      return expression.search(document);
    } catch (RuntimeException | StackOverflowError e) {
      throw failure("Invalid JMES Path: " + path + ".");
    }
  }

  /** UTF-8 bytes of {@code s}, each unpaired surrogate as U+FFFD (Go's encoding of it). */
  private static byte[] utf8(String s) {
    boolean wellFormed = true;
    for (int i = 0; i < s.length() && wellFormed; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          wellFormed = false;
        }
      } else if (Character.isLowSurrogate(c)) {
        wellFormed = false;
      }
    }
    if (wellFormed) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 8);
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int width = Character.charCount(cp);
      if (Character.isSurrogate(s.charAt(i)) && width == 1) {
        out.writeBytes(REPLACEMENT);
      } else {
        out.writeBytes(s.substring(i, i + width).getBytes(StandardCharsets.UTF_8));
      }
      i += width;
    }
    return out.toByteArray();
  }

  private static AscpException failure(String message) {
    return new AscpException(ErrorCode.EXTRACTION_FAILED, message);
  }
}

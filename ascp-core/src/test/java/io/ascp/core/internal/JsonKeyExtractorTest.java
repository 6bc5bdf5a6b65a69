// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.JmesPathEntry;
import io.ascp.api.ObjectType;
import io.ascp.api.SecretObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonKeyExtractorTest {
  private static final String MARKER = "M4RK3R-s3cr3t";

  private static SecretObject object(String name, JmesPathEntry... entries) {
    SecretObject.Builder b = SecretObject.builder(name, ObjectType.SECRETS_MANAGER);
    for (JmesPathEntry e : entries) {
      b.addJmesPath(e);
    }
    return b.build();
  }

  private static List<String> extract(String json, String... pathsAndAliases) {
    JmesPathEntry[] entries = new JmesPathEntry[pathsAndAliases.length / 2];
    for (int i = 0; i < entries.length; i++) {
      entries[i] = JmesPathEntry.of(pathsAndAliases[2 * i], pathsAndAliases[2 * i + 1]);
    }
    return JsonKeyExtractor.extract(object("MySecret", entries), json.getBytes(UTF_8)).stream()
        .map(b -> new String(b, UTF_8))
        .toList();
  }

  private static AscpException failure(String json, String path, String alias) {
    AscpException e = catchThrowableOfType(AscpException.class, () -> extract(json, path, alias));
    assertThat(e).as("extraction of %s should fail", path).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.EXTRACTION_FAILED);
    assertThat(e.getCause()).as("no parser message is chained").isNull();
    return e;
  }

  @Test
  void fansOutOneFilePerEntryInEntryOrder() {
    String json = "{\"username\":\"demo-user\",\"password\":\"demo-pass\",\"host\":\"db.local\"}";
    assertThat(extract(json, "host", "h", "username", "u", "password", "p"))
        .containsExactly("db.local", "demo-user", "demo-pass");
  }

  @Test
  void samePathTwiceYieldsTwoResults() {
    assertThat(extract("{\"a\":\"x\"}", "a", "one", "a", "two")).containsExactly("x", "x");
  }

  @Test
  void nestedKeys() {
    String json = "{\"db\":{\"creds\":{\"user\":\"admin\"},\"port\":\"5432\"}}";
    assertThat(extract(json, "db.creds.user", "u", "db.port", "p"))
        .containsExactly("admin", "5432");
  }

  @Test
  void hyphenatedKeysNeedQuoting() {
    String json = "{\"hyphenated-path\":\"value-1\"}";
    assertThat(extract(json, "\"hyphenated-path\"", "alias")).containsExactly("value-1");
    assertThat(failure(json, "hyphenated-path", "alias"))
        .hasMessage("Invalid JMES Path: hyphenated-path.");
  }

  @Test
  void keysAreCaseSensitive() {
    String json = "{\"Username\":\"Admin\"}";
    assertThat(extract(json, "Username", "u")).containsExactly("Admin");
    assertThat(failure(json, "username", "u"))
        .hasMessage("JMES Path - username for object alias - u does not point to a valid object.");
  }

  @Test
  void arraysAndFunctions() {
    String json = "{\"hosts\":[\"a.local\",\"b.local\"],\"users\":[{\"n\":\"x\"},{\"n\":\"y\"}]}";
    assertThat(
            extract(
                json,
                "hosts[1]",
                "second",
                "join(',', hosts)",
                "joined",
                "users[?n=='y'].n | [0]",
                "filtered",
                "to_string(length(hosts))",
                "count"))
        .containsExactly("b.local", "a.local,b.local", "y", "2");
  }

  @Test
  void anyTopLevelJsonTypeIsValidInput() {
    assertThat(extract("[\"first\",\"second\"]", "[1]", "a")).containsExactly("second");
    assertThat(extract("\"just a string\"", "@", "a")).containsExactly("just a string");
    assertThat(failure("42", "@", "a"))
        .hasMessage("Invalid JMES search result type for path:@. Only string is allowed.");
    assertThat(failure("null", "@", "a"))
        .hasMessage("JMES Path - @ for object alias - a does not point to a valid object.");
  }

  @Test
  void anEmptyStringIsAllowed() {
    assertThat(extract("{\"empty\":\"\"}", "empty", "e")).containsExactly("");
  }

  @Test
  void unicodeValuesAreUtf8() {
    assertThat(extract("{\"k\":\"gr\\u00fc\\u00dfe \\ud83d\\ude00\"}", "k", "a"))
        .containsExactly("grüße 😀");
  }

  @Test
  void unpairedSurrogatesBecomeReplacementCharacters() {
    List<byte[]> out =
        JsonKeyExtractor.extract(
            object("s", JmesPathEntry.of("k", "a")), "{\"k\":\"a\\ud800b\"}".getBytes(UTF_8));
    assertThat(out.get(0)).containsExactly('a', 0xEF, 0xBF, 0xBD, 'b');
  }

  @Test
  void noEntriesMeansTheValueIsNotParsed() {
    SecretObject plain = SecretObject.builder("plain", ObjectType.SSM_PARAMETER).build();
    assertThat(JsonKeyExtractor.extract(plain, new byte[] {(byte) 0xff, 0})).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json " + MARKER,
        "{\"a\":\"" + MARKER + "\"",
        "{\"a\":\"b\"} trailing-" + MARKER,
        "{'single':'" + MARKER + "'}",
        "",
        "   \n",
        "{\"a\":01}",
        "[" + MARKER + "]"
      })
  void invalidJson(String value) {
    AscpException e = failure(value, "a", "alias");
    assertThat(e).hasMessage("Invalid JSON used with jmesPath in secret: MySecret.");
  }

  @Test
  void binaryValuesThatAreNotJsonFailSafely() {
    byte[] binary = {(byte) 0xff, (byte) 0xfe, 0x00, 0x01, (byte) 0x80, 'M', '4'};
    assertThatThrownBy(
            () -> JsonKeyExtractor.extract(object("bin", JmesPathEntry.of("a", "b")), binary))
        .isInstanceOfSatisfying(
            AscpException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.EXTRACTION_FAILED);
              assertThat(e).hasMessage("Invalid JSON used with jmesPath in secret: bin.");
            });
  }

  @Test
  void invalidUtf8InsideAStringBecomesReplacementCharacterAsInGo() {
    byte[] value = {'{', '"', 'k', '"', ':', '"', 'a', (byte) 0xff, 'b', '"', '}'};
    List<byte[]> out = JsonKeyExtractor.extract(object("s", JmesPathEntry.of("k", "a")), value);
    assertThat(new String(out.get(0), UTF_8)).isEqualTo("a\uFFFDb");
  }

  @Test
  void binaryValuesThatAreJsonWork() {
    byte[] value = "{\"user\":\"bin-user\"}".getBytes(UTF_8);
    List<byte[]> out =
        JsonKeyExtractor.extract(object("bin", JmesPathEntry.of("user", "u")), value);
    assertThat(out.get(0)).isEqualTo("bin-user".getBytes(UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a.[", "[?", "foo[", "'unterminated", "a..b", "!", "a | | b", "`{`"})
  void invalidExpressions(String path) {
    assertThat(failure("{\"a\":\"" + MARKER + "\"}", path, "alias"))
        .hasMessage("Invalid JMES Path: " + path + ".");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abs(a)", "length(`1`)", "sum(a)", "unknown_function(a)", "join(a)"})
  void evaluationErrorsAreInvalidPaths(String path) {
    assertThat(failure("{\"a\":\"" + MARKER + "\"}", path, "alias"))
        .hasMessage("Invalid JMES Path: " + path + ".");
  }

  @Test
  void aVeryDeeplyNestedExpressionFailsCleanly() {
    String path = "(".repeat(200_000) + "a" + ")".repeat(200_000);
    AscpException e = failure("{\"a\":\"x\"}", path, "alias");
    assertThat(e.getMessage()).startsWith("Invalid JMES Path: ((((");
  }

  @Test
  void aVeryDeeplyNestedDocumentIsInvalidJson() {
    String json = "[".repeat(100_000) + "]".repeat(100_000);
    assertThat(failure(json, "a", "alias"))
        .hasMessage("Invalid JSON used with jmesPath in secret: MySecret.");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":\"" + MARKER + "\"}|missing",
        "{\"a\":null}|a",
        "{\"a\":{\"b\":\"" + MARKER + "\"}}|a.c",
        "{\"a\":[\"" + MARKER + "\"]}|a[3]"
      })
  void nullResults(String json, String path) {
    assertThat(failure(json, path, "the-alias"))
        .hasMessage(
            "JMES Path - "
                + path
                + " for object alias - the-alias does not point to a valid object.");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":42}|a",
        "{\"a\":true}|a",
        "{\"a\":{\"k\":\"" + MARKER + "\"}}|a",
        "{\"a\":[\"" + MARKER + "\"]}|a",
        "{\"a\":\"" + MARKER + "\"}|length(a)",
        "{\"a\":\"" + MARKER + "\"}|@"
      })
  void nonStringResults(String json, String path) {
    assertThat(failure(json, path, "alias"))
        .hasMessage(
            "Invalid JMES search result type for path:" + path + ". Only string is allowed.");
  }

  @Test
  void theFirstFailingEntryWinsInEntryOrder() {
    String json = "{\"a\":\"x\",\"n\":1}";
    AscpException e =
        catchThrowableOfType(
            AscpException.class, () -> extract(json, "a", "ok", "missing", "m", "[", "bad"));
    assertThat(e)
        .hasMessage("JMES Path - missing for object alias - m does not point to a valid object.");
  }

  @Test
  void aMarkerInTheSecretNeverAppearsInAnyMessageOrTrace() {
    String[] values = {
      MARKER,
      "{\"" + MARKER + "\":1}",
      "{\"k\":\"" + MARKER + "\"",
      "{\"k\":{\"" + MARKER + "\":\"" + MARKER + "\"}}",
      "[\"" + MARKER + "\", 1]"
    };
    String[] paths = {"k", "k." + "x", "[0]", "[1]", "keys(k)", "abs(k)", "@", "*"};
    int failures = 0;
    for (String value : values) {
      for (String path : paths) {
        try {
          extract(value, path, "alias");
        } catch (AscpException e) {
          failures++;
          StringWriter trace = new StringWriter();
          e.printStackTrace(new PrintWriter(trace));
          assertThat(trace.toString()).doesNotContain(MARKER);
          assertThat(e.toString()).doesNotContain(MARKER);
        }
      }
    }
    assertThat(failures).isGreaterThan(20);
  }

  @Property(tries = 300)
  void neverThrowsAnythingButExtractionFailures(
      @ForAll String value, @ForAll("jmesPaths") String path) {
    try {
      extract(value, path, "alias");
    } catch (AscpException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.EXTRACTION_FAILED);
    }
  }

  @Property(tries = 300)
  void arbitraryBytesNeverLeakIntoMessages(@ForAll byte[] value) {
    byte[] withMarker = new byte[value.length + MARKER.length()];
    System.arraycopy(value, 0, withMarker, 0, value.length);
    System.arraycopy(MARKER.getBytes(UTF_8), 0, withMarker, value.length, MARKER.length());
    try {
      JsonKeyExtractor.extract(object("s", JmesPathEntry.of("@", "a")), withMarker);
    } catch (AscpException e) {
      assertThat(e.getMessage()).doesNotContain(MARKER);
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> jmesPaths() {
    return net.jqwik.api.Arbitraries.strings()
        .withChars("abc.[]|*@?'`\"{}(),:!=<>&-0123456789 ")
        .ofMinLength(1)
        .ofMaxLength(20);
  }
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoJsonDecoderTest {
  @Test
  void decodesAMapOfStrings() throws Exception {
    assertThat(
            GoJsonDecoder.decodeStringMap(
                " {\"a\":\"1\", \"b\" : \"x\\\"y\\u00e9\\n\", \"c\":\"\"} "))
        .containsExactly(Map.entry("a", "1"), Map.entry("b", "x\"y\u00e9\n"), Map.entry("c", ""));
  }

  @Test
  void nullIsAnEmptyMapAndANullValueAnEmptyString() throws Exception {
    assertThat(GoJsonDecoder.decodeStringMap("null")).isEmpty();
    assertThat(GoJsonDecoder.decodeStringMap("{\"a\":null}")).containsExactly(Map.entry("a", ""));
    assertThat(GoJsonDecoder.decodeStringMap("{}")).isEmpty();
  }

  @Test
  void laterDuplicatesWin() throws Exception {
    assertThat(GoJsonDecoder.decodeStringMap("{\"a\":\"1\",\"a\":\"2\"}"))
        .containsExactly(Map.entry("a", "2"));
  }

  @Test
  void surrogates() throws Exception {
    assertThat(
            GoJsonDecoder.decodeStringMap(
                "{\"a\":\"\\ud83d\\ude00\",\"b\":\"\\ud83d\",\"c\":\"\\ude00x\"}"))
        .containsExactly(
            Map.entry("a", "\ud83d\ude00"), Map.entry("b", "\ufffd"), Map.entry("c", "\ufffdx"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|unexpected end of JSON input",
        "'   '|unexpected end of JSON input",
        "{|unexpected end of JSON input",
        "{\"a\":\"b|unexpected end of JSON input",
        "{\"a\":\"b\"|unexpected end of JSON input",
        "x|invalid character at offset 0 looking for beginning of value",
        "{x|invalid character at offset 1 looking for beginning of object key string",
        "{\"a\" x|invalid character at offset 5 after object key",
        "{\"a\":\"b\" x|invalid character at offset 9 after object key:value pair",
        "{\"a\":\"b\",}|invalid character at offset 9 looking for beginning of object key string",
        "{\"a\":\"b\"}x|invalid character at offset 9 after top-level value",
        "{\"a\":[1 2]}|invalid character at offset 8 after array element",
        "{\"a\":tru}|invalid character at offset 8 in literal true (expecting 'e')",
        "{\"a\":nul}|invalid character at offset 8 in literal null (expecting 'l')",
        "{\"a\":-x}|invalid character at offset 6 in numeric literal",
        "{\"a\":1.}|invalid character at offset 7 after decimal point in numeric literal",
        "{\"a\":1e}|invalid character at offset 7 in exponent of numeric literal",
        "{\"a\":\"\\x\"}|invalid character at offset 7 in string escape code",
        "{\"a\":\"\\u12g4\"}|invalid character at offset 10 in \\u hexadecimal character escape",
        "{\"\u00e9\":x}|invalid character at offset 6 looking for beginning of value",
        "{\"a\":01}|invalid character at offset 6 after object key:value pair",
      })
  void syntaxErrorsNameTheOffsetNotTheCharacter(String json, String message) {
    assertThatThrownBy(() -> GoJsonDecoder.decodeStringMap(json))
        .isInstanceOf(GoJsonDecoder.DecodeException.class)
        .hasMessage(message);
  }

  @Test
  void controlCharacterInAString() {
    assertThatThrownBy(() -> GoJsonDecoder.decodeStringMap("{\"a\":\"x\ny\"}"))
        .hasMessage("invalid character at offset 7 in string literal");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[]|json: cannot unmarshal array into Go value of type map[string]string",
        "\"s\"|json: cannot unmarshal string into Go value of type map[string]string",
        "1|json: cannot unmarshal number into Go value of type map[string]string",
        "true|json: cannot unmarshal bool into Go value of type map[string]string",
        "{\"a\":1}|json: cannot unmarshal number into Go value of type string",
        "{\"a\":{\"b\":[1]},\"c\":true}|json: cannot unmarshal object into Go value of type string",
        "{\"a\":\"x\",\"c\":[true]}|json: cannot unmarshal array into Go value of type string",
      })
  void typeErrors(String json, String message) {
    assertThatThrownBy(() -> GoJsonDecoder.decodeStringMap(json)).hasMessage(message);
  }

  @Test
  void aSyntaxErrorWinsOverAnEarlierTypeError() {
    assertThatThrownBy(() -> GoJsonDecoder.decodeStringMap("{\"a\":1,\"b\":x}"))
        .hasMessage("invalid character at offset 11 looking for beginning of value");
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "[".repeat(10_001) + "]".repeat(10_001);
    assertThatThrownBy(() -> GoJsonDecoder.decodeStringMap(deep))
        .hasMessage("invalid character at offset 10000 exceeded max depth");
    String fine = "{\"a\":" + "[".repeat(9_000) + "]".repeat(9_000) + "}";
    assertThatThrownBy(() -> GoJsonDecoder.decodeStringMap(fine))
        .hasMessage("json: cannot unmarshal array into Go value of type string");
  }

  @Test
  void tokens() throws Exception {
    assertThat(
            GoJsonDecoder.decodeTokens(
                "{\"sts.amazonaws.com\":{\"token\":\"t1\",\"expirationTimestamp\":\"2026-01-01T00:00:00Z\"},"
                    + "\"b\":{\"Token\":\"t2\",\"extra\":[1,{\"x\":2}]},\"c\":null,\"d\":{}}"))
        .containsExactly(
            Map.entry(
                "sts.amazonaws.com", new GoJsonDecoder.TokenEntry("t1", "2026-01-01T00:00:00Z")),
            Map.entry("b", new GoJsonDecoder.TokenEntry("t2", "")),
            Map.entry("c", new GoJsonDecoder.TokenEntry("", "")),
            Map.entry("d", new GoJsonDecoder.TokenEntry("", "")));
    assertThat(GoJsonDecoder.decodeTokens("null")).isEmpty();
  }

  @Test
  void aNullFieldKeepsTheEarlierValue() throws Exception {
    assertThat(GoJsonDecoder.decodeTokens("{\"a\":{\"token\":\"t\",\"token\":null}}"))
        .containsExactly(Map.entry("a", new GoJsonDecoder.TokenEntry("t", "")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[]|json: cannot unmarshal array into Go value of type map[string]utils.ServiceAccountToken",
        "{\"a\":\"t\"}|json: cannot unmarshal string into Go value of type utils.ServiceAccountToken",
        "{\"a\":{\"token\":1}}|json: cannot unmarshal number into Go struct field ServiceAccountToken.token of type string",
        "{\"a\":{\"expirationTimestamp\":false}}|json: cannot unmarshal bool into Go struct field ServiceAccountToken.expirationTimestamp of type string",
      })
  void tokenTypeErrors(String json, String message) {
    assertThatThrownBy(() -> GoJsonDecoder.decodeTokens(json)).hasMessage(message);
  }

  @Test
  void tokenEntryToStringHidesTheToken() {
    assertThat(new GoJsonDecoder.TokenEntry("SECRET-MARKER", "x").toString())
        .doesNotContain("SECRET-MARKER");
  }
}

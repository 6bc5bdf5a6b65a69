// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountParameters;
import io.ascp.api.PathTranslation;
import io.ascp.api.SecretObject;
import io.ascp.core.internal.FileLayout;
import io.ascp.core.internal.PlannedFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Properties of parsing over arbitrary input: it either succeeds or fails with {@code
 * INVALID_PARAMETERS} (never another exception), it is deterministic, what it accepts never lays a
 * file outside the mount directory, and its messages are one line that never repeats input the
 * provider does not echo.
 */
class ParameterParserPropertyTest {
  private static final Path ROOT = Path.of("/fake/root");

  private static final List<String> FIELDS =
      List.of(
          "objectName",
          "objectType",
          "objectAlias",
          "objectVersion",
          "objectVersionLabel",
          "filePermission",
          "jmesPath",
          "failoverObject");

  private static final List<String> NAMES =
      List.of(
          "a",
          "b",
          "MySecret",
          "a/b",
          "a_b",
          "/a",
          "//a/b",
          "a/",
          "a//b",
          "..",
          ".",
          "../x",
          "a/../b",
          "a/..",
          "./a",
          "/",
          "",
          "0644",
          "0900",
          "yes",
          "~",
          "1.10",
          "é",
          "a\tb",
          "x".repeat(256),
          "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf",
          "arn:aws:secretsmanager:us-west-2:123456789012:secret:db-AbCdEf",
          "arn:aws:ssm:us-east-1:123456789012:parameter/p",
          "arn:aws:s3:us-east-1:1:b",
          "arn::");

  private static final List<String> TYPES =
      List.of("secretsmanager", "ssmparameter", "ssm", "SecretsManager", "", "x");

  private static final List<String> PERMISSIONS =
      List.of("0644", "0600", "4755", "0777", "777", "0888", "", "rw");

  // ----------------------------------------------------------------------------------------------
  // Properties

  @Property
  void anyTextParsesOrFailsWithInvalidParameters(@ForAll String text) {
    outcome(() -> ParameterParser.parseObjects(text, PathTranslation.DEFAULT, regions(true)));
  }

  @Property
  void yamlTokenSoupParsesOrFailsWithInvalidParameters(@ForAll("tokenSoup") String text) {
    Object first = outcome(() -> parse(text, PathTranslation.DISABLED, true));
    Object second = outcome(() -> parse(text, PathTranslation.DISABLED, true));
    assertThat(second).isEqualTo(first);
  }

  @Property
  void structuredDocumentsAreSafeAndDeterministic(
      @ForAll("documents") String document,
      @ForAll("translations") PathTranslation translation,
      @ForAll boolean failover) {
    Object first = outcome(() -> parse(document, translation, failover));
    Object second = outcome(() -> parse(document, translation, failover));
    assertThat(second).isEqualTo(first);
    if (first instanceof List<?> list) {
      @SuppressWarnings("unchecked")
      List<SecretObject> objects = (List<SecretObject>) list;
      for (PlannedFile file : FileLayout.plan(objects, translation, 0644).files()) {
        Path resolved = ROOT.resolve(file.path()).normalize();
        assertThat(resolved.startsWith(ROOT) && !resolved.equals(ROOT))
            .as("%s stays inside the mount directory", file.path())
            .isTrue();
        assertThat(ROOT.relativize(resolved).toString()).isEqualTo(file.path());
        assertThat(file.mode()).isBetween(0, 0777);
      }
    }
  }

  @Property
  void attributeMapsParseOrFailWithInvalidParameters(
      @ForAll("attributes") Map<String, String> attributes) {
    Object first = outcome(() -> ParameterParser.parse(attributes, "us-east-1"));
    Object second = outcome(() -> ParameterParser.parse(attributes, "us-east-1"));
    assertThat(second).isEqualTo(first);
    if (first instanceof MountParameters p) {
      assertThat(p.objects().size()).isLessThan(1000);
    }
  }

  @Property
  void messagesNeverContainInputThatIsNotEchoed(
      @ForAll("markers") String marker, @ForAll("markedAttributes") Map<String, String> template) {
    Map<String, String> attributes = new HashMap<>();
    template.forEach((k, v) -> attributes.put(k, v.replace("@MARKER@", marker)));
    Object result = outcome(() -> ParameterParser.parse(attributes, "us-east-1"));
    if (result instanceof String message) {
      assertThat(message).doesNotContain(marker);
    }
  }

  // ----------------------------------------------------------------------------------------------
  // Outcome checks

  private static List<String> regions(boolean failover) {
    return failover ? List.of("us-east-1", "us-west-2") : List.of("us-east-1");
  }

  private static List<SecretObject> parse(String text, PathTranslation t, boolean failover) {
    return ParameterParser.parseObjects(text, t, regions(failover));
  }

  /* The value, or the message of an INVALID_PARAMETERS error; anything else fails the property. */
  private static Object outcome(Supplier<?> call) {
    try {
      return call.get();
    } catch (AscpException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS);
      assertThat(e.getMessage()).doesNotContain("\n", "\r", "\u2028", "\u2029", "\u0085");
      return e.getMessage();
    } catch (RuntimeException | StackOverflowError e) {
      return fail("not an INVALID_PARAMETERS error", e);
    }
  }

  // ----------------------------------------------------------------------------------------------
  // Generators

  @Provide
  Arbitrary<PathTranslation> translations() {
    return Arbitraries.of(
        PathTranslation.DEFAULT,
        PathTranslation.DISABLED,
        PathTranslation.of('-'),
        PathTranslation.of('/'),
        PathTranslation.of('.'),
        PathTranslation.of('\u0000'));
  }

  @Provide
  Arbitrary<String> tokenSoup() {
    Arbitrary<String> tokens =
        Arbitraries.of(
            "- ",
            "-",
            ": ",
            ":",
            "\n",
            "\n  ",
            "\n    ",
            "  ",
            "[",
            "]",
            "{",
            "}",
            ", ",
            "&a ",
            "*a",
            "&b ",
            "*b",
            "<<: ",
            "!!int ",
            "!!str ",
            "!!binary ",
            "!!float ",
            "! ",
            "!x ",
            "~",
            "null",
            "yes",
            "0644",
            "0900",
            "1e999",
            ".nan",
            "'",
            "\"",
            "'q'",
            "\"d\"",
            "#c",
            "---\n",
            "...\n",
            "? ",
            "|\n  ",
            ">\n  ",
            "\t",
            "%YAML 1.1\n",
            "objectName",
            "objectType",
            "secretsmanager",
            "ssmparameter",
            "objectAlias",
            "jmesPath",
            "path",
            "failoverObject",
            "filePermission",
            "ObjectName",
            "a/b",
            "..",
            "arn:aws:ssm:us-east-1:1:parameter/p",
            "\\u0000",
            "é",
            "\u0001");
    return tokens.list().ofMaxSize(40).map(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<String> documents() {
    return Combinators.combine(descriptor().list().ofMaxSize(6), Arbitraries.of(true, false))
        .as((items, block) -> block ? block(items) : flow(items));
  }

  @Provide
  Arbitrary<Map<String, String>> attributes() {
    Arbitrary<String> keys =
        Arbitraries.of(
            AttributeKeys.OBJECTS,
            AttributeKeys.FAILOVER_REGION,
            AttributeKeys.PATH_TRANSLATION,
            AttributeKeys.USE_POD_IDENTITY,
            AttributeKeys.PREFERRED_ADDRESS_TYPE,
            AttributeKeys.REGION,
            AttributeKeys.SERVICE_ACCOUNT_TOKENS,
            AttributeKeys.POD_NAME,
            "secretProviderClass",
            "something");
    Arbitrary<String> values =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(6),
            Arbitraries.of("", "us-east-1", "us-west-2", "False", "-", "true", "1", "ipv6"),
            documents());
    return Arbitraries.maps(keys, values).ofMaxSize(8);
  }

  @Provide
  Arbitrary<String> markers() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .ofLength(12)
        .map(s -> "MARK" + s.toUpperCase(Locale.ROOT));
  }

  /* Attributes where @MARKER@ sits only where the provider never echoes it. */
  @Provide
  Arbitrary<Map<String, String>> markedAttributes() {
    Arbitrary<String> objects =
        Arbitraries.oneOf(
            // a value under an unknown key of an otherwise arbitrary document
            Combinators.combine(
                    descriptor().list().ofMinSize(1).ofMaxSize(3), Arbitraries.of(true, false))
                .as(
                    (items, block) -> {
                      List<Map<String, Object>> marked = new ArrayList<>(items);
                      Map<String, Object> first = new java.util.LinkedHashMap<>(marked.get(0));
                      first.put("secretValue", new Scalar("@MARKER@", Quote.DOUBLE));
                      marked.set(0, first);
                      return block ? block(marked) : flow(marked);
                    }),
            // broken YAML around the marker
            Arbitraries.of(
                "- {objectName: a, objectType: secretsmanager, x: @MARKER@",
                "- objectName: [@MARKER@\n",
                "[{objectName: a, objectType: secretsmanager, x: \"@MARKER@}]",
                "- objectName: a\n  objectType: secretsmanager\n  x: @MARKER@\n y: [",
                "{{@MARKER@}}",
                "- objectName: a\n\t@MARKER@: b",
                "- objectName: !!int @MARKER@",
                "- objectName: !!binary @MARKER@%",
                "- {objectName: a, objectType: secretsmanager, @MARKER@: .nan}",
                "- {objectName: *@MARKER@}",
                "[@MARKER@]",
                "@MARKER@"));
    Arbitrary<String> tokens =
        Arbitraries.of("@MARKER@", "{\"sts.amazonaws.com\":{\"token\":\"@MARKER@\"}}", "{@MARKER@");
    return Combinators.combine(
            objects,
            tokens,
            Arbitraries.of("", "False", "-", "ab", "é"),
            Arbitraries.of("", "us-west-2", "us-east-1"),
            Arbitraries.of("", "true", "0"))
        .as(
            (obj, token, translation, failover, podIdentity) -> {
              Map<String, String> m = new HashMap<>();
              m.put(AttributeKeys.OBJECTS, obj);
              m.put(AttributeKeys.SERVICE_ACCOUNT_TOKENS, token);
              m.put(AttributeKeys.PATH_TRANSLATION, translation);
              m.put(AttributeKeys.FAILOVER_REGION, failover);
              m.put(AttributeKeys.USE_POD_IDENTITY, podIdentity);
              m.put(AttributeKeys.POD_NAME, "@MARKER@");
              m.put("secretProviderClass", "@MARKER@");
              m.put("unknownParameter", "@MARKER@");
              return m;
            });
  }

  // A descriptor as an ordered map of YAML key to value (Scalar, List or Map), keys in any case.

  private enum Quote {
    PLAIN,
    SINGLE,
    DOUBLE
  }

  private record Scalar(String value, Quote quote) {
    String render() {
      return switch (quote) {
        case PLAIN -> value;
        case SINGLE -> "'" + value.replace("'", "''") + "'";
        case DOUBLE -> doubleQuoted(value);
      };
    }
  }

  private static String doubleQuoted(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  private static Arbitrary<Scalar> scalar(List<String> pool) {
    Arbitrary<String> text =
        Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.of(pool)),
            Tuple.of(1, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(10)),
            Tuple.of(1, Arbitraries.strings().ofMaxLength(4)));
    return Combinators.combine(
            text,
            Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Quote.DOUBLE)),
                Tuple.of(1, Arbitraries.of(Quote.PLAIN, Quote.SINGLE))))
        .as(Scalar::new);
  }

  private static Arbitrary<String> key(List<String> fields) {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.of(fields)),
        Tuple.of(2, Arbitraries.of(fields).map(f -> f.toUpperCase(Locale.ROOT))),
        Tuple.of(
            2,
            Arbitraries.of(fields).map(f -> Character.toUpperCase(f.charAt(0)) + f.substring(1))),
        Tuple.of(1, Arbitraries.of("extra", "objectTemplate", "1", "true", "ObjectAliaſ")));
  }

  private static Arbitrary<Map<String, Object>> descriptor() {
    Arbitrary<Map<String, Object>> jmesEntry =
        entries(key(List.of("path", "objectAlias", "filePermission")), 4);
    Arbitrary<Map<String, Object>> failover =
        entries(key(List.of("objectName", "objectVersion", "objectVersionLabel")), 3);
    Arbitrary<Map.Entry<String, Object>> entry =
        key(FIELDS)
            .flatMap(
                k -> {
                  String lower = k.toLowerCase(Locale.ROOT);
                  Arbitrary<Object> value;
                  if (lower.equals("jmespath")) {
                    value =
                        Arbitraries.frequencyOf(
                            Tuple.of(8, jmesEntry.list().ofMaxSize(3).map(l -> (Object) l)),
                            Tuple.of(1, scalar(NAMES).map(s -> (Object) s)));
                  } else if (lower.equals("failoverobject")) {
                    value =
                        Arbitraries.frequencyOf(
                            Tuple.of(8, failover.map(m -> (Object) m)),
                            Tuple.of(1, scalar(NAMES).map(s -> (Object) s)));
                  } else if (lower.equals("objecttype")) {
                    value = scalar(TYPES).map(s -> (Object) s);
                  } else if (lower.equals("filepermission")) {
                    value = scalar(PERMISSIONS).map(s -> (Object) s);
                  } else {
                    value = scalar(NAMES).map(s -> (Object) s);
                  }
                  return value.map(v -> Map.entry(k, v));
                });
    // Mostly a name and a valid type first, so that most documents get past the reference's
    // checks and exercise file naming; sometimes anything goes.
    Arbitrary<List<Map.Entry<String, Object>>> head =
        Combinators.combine(
                scalar(NAMES), Arbitraries.of("secretsmanager", "ssmparameter", "secretsmanager"))
            .as(
                (name, type) ->
                    List.of(
                        Map.<String, Object>entry("objectName", name),
                        Map.<String, Object>entry("objectType", new Scalar(type, Quote.PLAIN))));
    Arbitrary<List<Map.Entry<String, Object>>> mostlyValid =
        Combinators.combine(head, entry.list().ofMaxSize(3))
            .as(
                (h, rest) -> {
                  List<Map.Entry<String, Object>> all = new ArrayList<>(h);
                  for (Map.Entry<String, Object> e : rest) {
                    String lower = e.getKey().toLowerCase(Locale.ROOT);
                    if (!lower.equals("objectname") && !lower.equals("objecttype")) {
                      all.add(e);
                    }
                  }
                  return all;
                });
    return Arbitraries.frequencyOf(Tuple.of(4, mostlyValid), Tuple.of(1, entry.list().ofMaxSize(7)))
        .map(ParameterParserPropertyTest::toMap);
  }

  private static Arbitrary<Map<String, Object>> entries(Arbitrary<String> keys, int max) {
    return Combinators.combine(keys, scalar(NAMES))
        .as((k, v) -> Map.<String, Object>entry(k, v))
        .list()
        .ofMaxSize(max)
        .map(ParameterParserPropertyTest::toMap);
  }

  private static Map<String, Object> toMap(List<Map.Entry<String, Object>> entries) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    entries.forEach(e -> m.put(e.getKey(), e.getValue()));
    return m;
  }

  private static String flow(Object value) {
    if (value instanceof Scalar s) {
      return s.render();
    }
    if (value instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      list.forEach(v -> parts.add(flow(v)));
      return "[" + String.join(", ", parts) + "]";
    }
    Map<?, ?> map = (Map<?, ?>) value;
    List<String> parts = new ArrayList<>();
    map.forEach((k, v) -> parts.add(k + ": " + flow(v)));
    return "{" + String.join(", ", parts) + "}";
  }

  private static String block(List<Map<String, Object>> items) {
    StringBuilder b = new StringBuilder();
    for (Map<String, Object> item : items) {
      if (item.isEmpty()) {
        b.append("- {}\n");
        continue;
      }
      String indent = "- ";
      for (Map.Entry<String, Object> e : item.entrySet()) {
        b.append(indent).append(e.getKey()).append(": ").append(flow(e.getValue())).append('\n');
        indent = "  ";
      }
    }
    return b.toString();
  }
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

import io.ascp.api.AscpException;
import io.ascp.core.internal.GoStrconv.GoNum;
import io.ascp.core.internal.GoValue.GoBool;
import io.ascp.core.internal.GoValue.GoFloat;
import io.ascp.core.internal.GoValue.GoInt;
import io.ascp.core.internal.GoValue.GoList;
import io.ascp.core.internal.GoValue.GoMap;
import io.ascp.core.internal.GoValue.GoNull;
import io.ascp.core.internal.GoValue.GoStr;
import io.ascp.core.internal.GoValue.GoUint;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads YAML the way go-yaml v2 ({@code yaml.Unmarshal} into {@code interface{}}) does, which is
 * what the reference provider's {@code sigs.k8s.io/yaml} runs first.
 *
 * <p>SnakeYAML supplies the YAML 1.1 parser events only; composition, anchors, aliases, merge keys
 * and, above all, the resolution of plain scalars follow go-yaml v2's {@code resolve.go}, not
 * SnakeYAML's resolver (the two disagree, e.g. on {@code 0900}, {@code 0x_1F}, {@code 1_000.5}).
 * Only the first document is read, as in go-yaml v2 (anything after a second {@code ---} is
 * ignored).
 *
 * <p>Bounded: at most {@link #MAX_CHARS} characters, {@link #MAX_DEPTH} levels of nesting (also
 * after alias expansion), {@link #MAX_ALIASES} aliases and {@link #MAX_NODES} decoded nodes after
 * alias expansion, so that alias bombs, deep nesting and huge documents fail fast with an {@code
 * INVALID_PARAMETERS} error. Every error names a position, never the text.
 */
final class GoYaml {
  /**
   * The largest {@code objects} text accepted, in UTF-16 characters (Kubernetes caps objects at 1.5
   * MiB).
   */
  static final int MAX_CHARS = 2 * 1024 * 1024;

  /** The deepest nesting of lists and mappings accepted, counted after alias expansion. */
  static final int MAX_DEPTH = 64;

  /** The most aliases ({@code *name}) accepted in one document. */
  static final int MAX_ALIASES = 10_000;

  /** The most values (scalars, lists, mappings) a document may expand to through aliases. */
  static final int MAX_NODES = 250_000;

  static final String TAG_PREFIX = "tag:yaml.org,2002:";
  static final String STR_TAG = TAG_PREFIX + "str";
  static final String BOOL_TAG = TAG_PREFIX + "bool";
  static final String INT_TAG = TAG_PREFIX + "int";
  static final String FLOAT_TAG = TAG_PREFIX + "float";
  static final String NULL_TAG = TAG_PREFIX + "null";
  static final String TIMESTAMP_TAG = TAG_PREFIX + "timestamp";
  static final String BINARY_TAG = TAG_PREFIX + "binary";
  static final String MERGE_TAG = TAG_PREFIX + "merge";

  private static final Pattern YAML_STYLE_FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

  /* Go's strconv.ParseFloat syntax for what can follow a leading '.', underscores between digits. */
  private static final Pattern DOT_FLOAT =
      Pattern.compile("\\.[0-9](_?[0-9])*([eE][-+]?[0-9](_?[0-9])*)?");

  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
              + "(?:([Tt ])([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:[.,][0-9]+)?"
              + "(Z|[-+][0-9]{2}:[0-9]{2})?)?");

  private static final Map<String, Resolved> RESOLVE_MAP = resolveMap();

  private GoYaml() {}

  /**
   * Decodes {@code text} into a Go value; an empty document, or one with only comments, is Go
   * {@code nil}.
   *
   * @throws AscpException {@code INVALID_PARAMETERS} with the reference's {@code Failed to load
   *     SecretProviderClass: } prefix and a position
   */
  static GoValue load(String text) {
    if (text.length() > MAX_CHARS) {
      throw Messages.loadFailure(
          "objects is "
              + text.length()
              + " characters long; the limit is "
              + MAX_CHARS
              + " characters");
    }
    YNode root;
    try {
      root = new Composer(text).composeFirstDocument();
    } catch (AscpException e) {
      throw e;
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String where = mark == null ? "" : " at " + position(mark);
      // SnakeYAML's message quotes the offending text, so it is never passed on.
      throw Messages.loadFailure("objects is not valid YAML: syntax error" + where);
    } catch (YAMLException e) {
      throw Messages.loadFailure("objects is not valid YAML");
    }
    if (root == null) {
      return new GoNull(Position.START);
    }
    return new Decoder().decode(root, 0);
  }

  private static Position position(Mark mark) {
    return new Position(mark.getLine() + 1, mark.getColumn() + 1);
  }

  // ---------------------------------------------------------------------------------------------
  // Composition: SnakeYAML events to a node graph with go-yaml v2's anchor rules.

  private abstract static class YNode {
    final Position position;

    YNode(Position position) {
      this.position = position;
    }
  }

  private static final class YScalar extends YNode {
    final String value;
    final @Nullable String tag;
    final boolean plain;

    YScalar(String value, @Nullable String tag, boolean plain, Position position) {
      super(position);
      this.value = value;
      this.tag = tag;
      this.plain = plain;
    }

    /** go-yaml's {@code implicit}: a plain scalar without a tag, or any scalar tagged {@code !}. */
    boolean implicit() {
      return (tag == null && plain) || "!".equals(tag);
    }
  }

  private static final class YSeq extends YNode {
    final List<YNode> items = new ArrayList<>();

    YSeq(Position position) {
      super(position);
    }
  }

  private static final class YMap extends YNode {
    final List<YNode> keys = new ArrayList<>();
    final List<YNode> values = new ArrayList<>();

    YMap(Position position) {
      super(position);
    }
  }

  private static final class YAlias extends YNode {
    final YNode target;

    YAlias(YNode target, Position position) {
      super(position);
      this.target = target;
    }
  }

  private static final class Composer {
    private final Parser parser;
    private final Map<String, YNode> anchors = new HashMap<>();
    private int aliases;

    Composer(String text) {
      // Only the scanner reads these options (the nesting, alias and duplicate-key options belong
      // to
      // SnakeYAML's composer, which is not used); the length is checked before already.
      LoaderOptions options = new LoaderOptions();
      options.setCodePointLimit(MAX_CHARS + 1);
      this.parser = new ParserImpl(new StreamReader(text), options);
    }

    @Nullable YNode composeFirstDocument() {
      parser.getEvent(); // stream start
      if (parser.checkEvent(Event.ID.StreamEnd)) {
        return null;
      }
      parser.getEvent(); // document start
      YNode root = compose(1);
      parser.getEvent(); // document end: go-yaml reads it too, so garbage inside the document fails
      return root;
    }

    private YNode compose(int depth) {
      Event event = parser.getEvent();
      Position position = position(event.getStartMark());
      if (event instanceof AliasEvent alias) {
        if (++aliases > MAX_ALIASES) {
          throw Messages.loadFailure(
              "objects has more than " + MAX_ALIASES + " aliases (at " + position + ")");
        }
        YNode target = alias.getAnchor() == null ? null : anchors.get(alias.getAnchor());
        if (target == null) {
          throw Messages.loadFailure(
              "the alias at " + position + " refers to an anchor that is not defined before it");
        }
        return new YAlias(target, position);
      }
      if (event instanceof ScalarEvent scalar) {
        YNode node = new YScalar(scalar.getValue(), scalar.getTag(), scalar.isPlain(), position);
        anchor(scalar, node);
        return node;
      }
      if (depth > MAX_DEPTH) {
        throw Messages.loadFailure(
            "objects is nested deeper than " + MAX_DEPTH + " levels (at " + position + ")");
      }
      if (event instanceof SequenceStartEvent start) {
        YSeq node = new YSeq(position);
        anchor(start, node); // before the items: an alias inside refers to this very node
        while (!parser.checkEvent(Event.ID.SequenceEnd)) {
          node.items.add(compose(depth + 1));
        }
        parser.getEvent();
        return node;
      }
      if (event instanceof MappingStartEvent start) {
        YMap node = new YMap(position);
        anchor(start, node);
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
          node.keys.add(compose(depth + 1));
          node.values.add(compose(depth + 1));
        }
        parser.getEvent();
        return node;
      }
      throw Messages.loadFailure("objects is not valid YAML: unexpected content at " + position);
    }

    private void anchor(NodeEvent event, YNode node) {
      String name = event.getAnchor();
      if (name != null) {
        anchors.put(name, node); // a later anchor of the same name wins from here on, as in go-yaml
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Decoding: go-yaml v2's decoder into interface{}.

  private static final class Decoder {
    private final Set<YNode> expanding = Collections.newSetFromMap(new IdentityHashMap<>());
    private int decoded;

    GoValue decode(YNode node, int depth) {
      if (++decoded > MAX_NODES) {
        throw Messages.loadFailure(
            "objects expands to more than "
                + MAX_NODES
                + " values through aliases (at "
                + node.position
                + ")");
      }
      if (depth > MAX_DEPTH) {
        throw Messages.loadFailure(
            "objects is nested deeper than "
                + MAX_DEPTH
                + " levels after alias expansion (at "
                + node.position
                + ")");
      }
      if (node instanceof YAlias alias) {
        if (!expanding.add(alias.target)) {
          throw Messages.loadFailure(
              "the alias at " + alias.position + " refers to an anchor that contains it");
        }
        try {
          return decode(alias.target, depth);
        } finally {
          expanding.remove(alias.target);
        }
      }
      if (node instanceof YScalar scalar) {
        return resolveScalar(scalar);
      }
      if (node instanceof YSeq seq) {
        List<GoValue> items = new ArrayList<>(seq.items.size());
        for (YNode item : seq.items) {
          items.add(decode(item, depth + 1));
        }
        return new GoList(items, seq.position);
      }
      YMap map = (YMap) node;
      GoMap.Builder builder = new GoMap.Builder();
      decodeMapping(map, builder, depth);
      return builder.build(map.position);
    }

    private void decodeMapping(YMap map, GoMap.Builder into, int depth) {
      for (int i = 0; i < map.keys.size(); i++) {
        YNode keyNode = map.keys.get(i);
        YNode valueNode = map.values.get(i);
        if (isMerge(keyNode)) {
          merge(valueNode, into, depth);
          continue;
        }
        GoValue key = decode(keyNode, depth + 1);
        if (key instanceof GoList || key instanceof GoMap) {
          throw Messages.loadFailure(
              "the mapping key at " + keyNode.position + " is a list or a mapping");
        }
        into.put(key, decode(valueNode, depth + 1));
      }
    }

    private static boolean isMerge(YNode key) {
      return key instanceof YScalar scalar
          && scalar.value.equals("<<")
          && (scalar.implicit() || MERGE_TAG.equals(scalar.tag));
    }

    /* go-yaml v2: merged keys are set in place, so they override earlier keys of the mapping and
     * are overridden by later ones; in a list of mappings, earlier mappings take precedence. */
    private void merge(YNode value, GoMap.Builder into, int depth) {
      if (value instanceof YSeq seq) {
        for (int i = seq.items.size() - 1; i >= 0; i--) {
          mergeOne(seq.items.get(i), into, depth);
        }
        return;
      }
      mergeOne(value, into, depth);
    }

    private void mergeOne(YNode value, GoMap.Builder into, int depth) {
      YNode target = value instanceof YAlias alias ? alias.target : value;
      if (!(target instanceof YMap map)) {
        throw Messages.loadFailure(
            "the merge key (<<) at "
                + value.position
                + " needs a mapping, an alias of a mapping, or a list of them");
      }
      if (++decoded > MAX_NODES) {
        throw Messages.loadFailure(
            "objects expands to more than " + MAX_NODES + " values through aliases");
      }
      if (!expanding.add(map)) {
        throw Messages.loadFailure(
            "the merge at " + value.position + " refers to a mapping that contains it");
      }
      try {
        decodeMapping(map, into, depth);
      } finally {
        expanding.remove(map);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Scalar resolution: go-yaml v2 resolve.go.

  /** A resolved scalar: its tag and its value. */
  private record Resolved(String tag, GoValue value) {}

  private static GoValue resolveScalar(YScalar scalar) {
    Position at = scalar.position;
    String value = scalar.value;
    if (scalar.tag == null && !scalar.implicit()) {
      return new GoStr(value, at); // quoted or block scalar
    }
    String tag = scalar.tag == null ? "" : scalar.tag;
    if (tag.equals(BINARY_TAG)) {
      return new GoStr(decodeBase64(value, at), at);
    }
    if (!isResolvable(tag)) {
      return new GoStr(value, at); // "!", local and unknown tags: the text as is
    }
    Resolved resolved = resolve(tag, value, at);
    if (tag.isEmpty() || tag.equals(resolved.tag()) || tag.equals(STR_TAG)) {
      return resolved.value();
    }
    if (tag.equals(FLOAT_TAG) && resolved.value() instanceof GoInt i) {
      return new GoFloat(i.value(), at);
    }
    throw Messages.loadFailure("the value at " + at + " does not match its explicit tag");
  }

  private static boolean isResolvable(String tag) {
    return tag.isEmpty()
        || tag.equals(STR_TAG)
        || tag.equals(BOOL_TAG)
        || tag.equals(INT_TAG)
        || tag.equals(FLOAT_TAG)
        || tag.equals(NULL_TAG)
        || tag.equals(TIMESTAMP_TAG);
  }

  private static Resolved resolve(String tag, String in, Position at) {
    char hint = in.isEmpty() ? 'N' : hint(in.charAt(0));
    if (hint != 0 && !tag.equals(STR_TAG)) {
      Resolved known = RESOLVE_MAP.get(in);
      if (known != null) {
        return new Resolved(known.tag(), withPosition(known.value(), at));
      }
      switch (hint) {
        case '.' -> {
          if (DOT_FLOAT.matcher(in).matches()) {
            double d = Double.parseDouble(in.replace("_", ""));
            if (!Double.isInfinite(d)) {
              return new Resolved(FLOAT_TAG, new GoFloat(d, at));
            }
          }
        }
        case 'D', 'S' -> {
          if ((tag.isEmpty() || tag.equals(TIMESTAMP_TAG)) && isTimestamp(in)) {
            // go-yaml hands a timestamp to interface{} as its original text
            return new Resolved(TIMESTAMP_TAG, new GoStr(in, at));
          }
          String plain = in.replace("_", "");
          GoNum signed = GoStrconv.parseInt(plain, 0);
          if (signed.ok()) {
            return new Resolved(INT_TAG, new GoInt(signed.bits(), at));
          }
          GoNum unsigned = GoStrconv.parseUint(plain, 0);
          if (unsigned.ok()) {
            return new Resolved(INT_TAG, new GoUint(unsigned.bits(), at));
          }
          if (YAML_STYLE_FLOAT.matcher(plain).matches()) {
            double d = Double.parseDouble(plain);
            if (!Double.isInfinite(d)) { // Go's ParseFloat fails with ErrRange on overflow
              return new Resolved(FLOAT_TAG, new GoFloat(d, at));
            }
          }
          if (plain.startsWith("0b")) {
            GoNum binary = GoStrconv.parseInt(plain.substring(2), 2);
            if (binary.ok()) {
              return new Resolved(INT_TAG, new GoInt(binary.bits(), at));
            }
            GoNum unsignedBinary = GoStrconv.parseUint(plain.substring(2), 2);
            if (unsignedBinary.ok()) {
              return intOrUint(unsignedBinary.bits(), at);
            }
          } else if (plain.startsWith("-0b")) {
            GoNum binary = GoStrconv.parseInt("-" + plain.substring(3), 2);
            if (binary.ok()) {
              return new Resolved(INT_TAG, new GoInt(binary.bits(), at));
            }
          }
          // Integers beyond 64 bits in hexadecimal, octal or binary notation stay strings.
        }
        default -> {
          // 'M': only the exact words of the map above mean something
        }
      }
    }
    return new Resolved(STR_TAG, new GoStr(in, at));
  }

  private static Resolved intOrUint(long bits, Position at) {
    return new Resolved(INT_TAG, bits < 0 ? new GoUint(bits, at) : new GoInt(bits, at));
  }

  private static char hint(char first) {
    if (first == '+' || first == '-') {
      return 'S';
    }
    if (first >= '0' && first <= '9') {
      return 'D';
    }
    if ("yYnNtTfFoO~".indexOf(first) >= 0) {
      return 'M';
    }
    if (first == '.') {
      return '.';
    }
    return 0;
  }

  private static GoValue withPosition(GoValue value, Position at) {
    if (value instanceof GoBool b) {
      return new GoBool(b.value(), at);
    }
    if (value instanceof GoFloat f) {
      return new GoFloat(f.value(), at);
    }
    return new GoNull(at);
  }

  private static Map<String, Resolved> resolveMap() {
    Map<String, Resolved> map = new HashMap<>();
    GoValue yes = new GoBool(true, Position.START);
    GoValue no = new GoBool(false, Position.START);
    for (String s : List.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE")) {
      map.put(s, new Resolved(BOOL_TAG, yes));
    }
    for (String s : List.of("on", "On", "ON")) {
      map.put(s, new Resolved(BOOL_TAG, yes));
    }
    for (String s : List.of("n", "N", "no", "No", "NO", "false", "False", "FALSE")) {
      map.put(s, new Resolved(BOOL_TAG, no));
    }
    for (String s : List.of("off", "Off", "OFF")) {
      map.put(s, new Resolved(BOOL_TAG, no));
    }
    for (String s : List.of("", "~", "null", "Null", "NULL")) {
      map.put(s, new Resolved(NULL_TAG, new GoNull(Position.START)));
    }
    for (String s : List.of(".nan", ".NaN", ".NAN")) {
      map.put(s, new Resolved(FLOAT_TAG, new GoFloat(Double.NaN, Position.START)));
    }
    for (String s : List.of(".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF")) {
      map.put(s, new Resolved(FLOAT_TAG, new GoFloat(Double.POSITIVE_INFINITY, Position.START)));
    }
    for (String s : List.of("-.inf", "-.Inf", "-.INF")) {
      map.put(s, new Resolved(FLOAT_TAG, new GoFloat(Double.NEGATIVE_INFINITY, Position.START)));
    }
    return Map.copyOf(map);
  }

  /*
   * go-yaml's parseTimestamp: the layouts "2006-1-2T15:4:5.999999999Z07:00" (also with a lower-case
   * t), "2006-1-2 15:4:5.999999999" and "2006-1-2", with Go's range checks. It only decides
   * whether an explicit !!timestamp tag is accepted: an implicit timestamp is a string either way.
   */
  static boolean isTimestamp(String s) {
    Matcher m = TIMESTAMP.matcher(s);
    if (!m.matches()) {
      return false;
    }
    String separator = m.group(4);
    String zone = m.group(8);
    if (separator != null && separator.equals(" ") && zone != null) {
      return false;
    }
    if (separator != null && !separator.equals(" ") && zone == null) {
      return false;
    }
    try {
      LocalDate.of(
          Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    } catch (DateTimeException e) {
      return false;
    }
    if (separator != null
        && (Integer.parseInt(m.group(5)) > 23
            || Integer.parseInt(m.group(6)) > 59
            || Integer.parseInt(m.group(7)) > 59)) {
      return false;
    }
    if (zone != null && !zone.equals("Z")) {
      return Integer.parseInt(zone.substring(1, 3)) <= 24
          && Integer.parseInt(zone.substring(4, 6)) <= 60;
    }
    return true;
  }

  /* Go's base64.StdEncoding.DecodeString: line breaks are ignored, padding is required. */
  private static String decodeBase64(String text, Position at) {
    String compact = text.replace("\r", "").replace("\n", "");
    try {
      if (compact.length() % 4 != 0) {
        throw new IllegalArgumentException("missing padding");
      }
      return new String(Base64.getDecoder().decode(compact), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw Messages.loadFailure("the !!binary value at " + at + " is not valid base64");
    }
  }
}

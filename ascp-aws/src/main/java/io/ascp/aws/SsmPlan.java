// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import io.ascp.api.spi.ObjectRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the objects of a Parameter Store batch become {@code GetParameters} calls, and how the
 * parameters of a response are matched back to the objects.
 *
 * <p>Each object is asked for by its <em>selector</em>: the name (or ARN), suffixed {@code
 * :<version>} or else {@code :<label>}. Identical selectors are asked for once. A call holds at
 * most {@value #MAX_NAMES_PER_CALL} selectors and never two of the same parameter, so the
 * parameters of a response can be matched back by name alone even when one parameter is asked for
 * with two selectors (these go into different calls). Calls are filled first-fit in request order,
 * which makes the plan deterministic.
 *
 * <p>A parameter is identified by its {@linkplain #parameterKey key}: the name, or the resource
 * part of an ARN, without a leading {@code /}. Matching a returned parameter tries its {@code Name}
 * and then its {@code ARN}; a parameter that matches nothing is ignored (reference §10 #3: the
 * reference crashes there).
 */
final class SsmPlan {
  /** The {@code GetParameters} limit. */
  static final int MAX_NAMES_PER_CALL = 10;

  private final List<Call> calls;
  private final Map<String, Integer> callOfSelector;

  private SsmPlan(List<Call> calls, Map<String, Integer> callOfSelector) {
    this.calls = calls;
    this.callOfSelector = callOfSelector;
  }

  /**
   * One {@code GetParameters} call: selectors in request order, each for a different parameter.
   *
   * @param selectors the names to send
   */
  record Call(List<String> selectors) {
    Call {
      selectors = List.copyOf(selectors);
    }

    /** The selector of this call that asks for the parameter {@code key}, if any. */
    Optional<String> selectorFor(String key) {
      for (String s : selectors) {
        if (parameterKey(baseName(s)).equals(key)) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }
  }

  /** Plans the calls for {@code objects}. */
  static SsmPlan of(List<ObjectRequest> objects) {
    Set<String> unique = new java.util.LinkedHashSet<>();
    for (ObjectRequest o : objects) {
      unique.add(selector(o));
    }
    List<List<String>> selectors = new ArrayList<>();
    List<Set<String>> keys = new ArrayList<>();
    Map<String, Integer> callOf = new LinkedHashMap<>();
    for (String s : unique) {
      String key = parameterKey(baseName(s));
      int target = -1;
      for (int c = 0; c < selectors.size(); c++) {
        if (selectors.get(c).size() < MAX_NAMES_PER_CALL && !keys.get(c).contains(key)) {
          target = c;
          break;
        }
      }
      if (target < 0) {
        target = selectors.size();
        selectors.add(new ArrayList<>());
        keys.add(new HashSet<>());
      }
      selectors.get(target).add(s);
      keys.get(target).add(key);
      callOf.put(s, target);
    }
    return new SsmPlan(selectors.stream().map(Call::new).toList(), callOf);
  }

  /** The calls, in order. */
  List<Call> calls() {
    return calls;
  }

  /** The index of the call that asks for {@code object}. */
  int callOf(ObjectRequest object) {
    Integer c = callOfSelector.get(selector(object));
    if (c == null) {
      throw new IllegalArgumentException("object was not planned: " + object.name());
    }
    return c;
  }

  /**
   * The name sent to SSM for {@code object}: {@code name:version}, else {@code name:label}, else
   * {@code name}.
   */
  static String selector(ObjectRequest object) {
    if (object.version().isPresent()) {
      return object.name() + ":" + object.version().get();
    }
    if (object.versionLabel().isPresent()) {
      return object.name() + ":" + object.versionLabel().get();
    }
    return object.name();
  }

  /**
   * The name or ARN of a selector, without its {@code :version} or {@code :label} suffix. SSM names
   * cannot contain {@code :}, so for a plain name the suffix starts at the first colon; an ARN has
   * five colons of its own before the resource.
   */
  static String baseName(String selector) {
    int from = 0;
    if (selector.startsWith("arn:")) {
      int colons = 0;
      for (int i = 0; i < selector.length(); i++) {
        if (selector.charAt(i) == ':' && ++colons == 5) {
          from = i + 1;
          break;
        }
      }
      if (colons < 5) {
        return selector;
      }
    }
    int colon = selector.indexOf(':', from);
    return colon < 0 ? selector : selector.substring(0, colon);
  }

  /**
   * The identity of a parameter for matching: the resource of an ARN after {@code parameter}, or
   * the name, without leading slashes.
   */
  static String parameterKey(String nameOrArn) {
    String s = nameOrArn;
    if (s.startsWith("arn:")) {
      int colons = 0;
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) == ':' && ++colons == 5) {
          s = s.substring(i + 1);
          break;
        }
      }
      if (s.startsWith("parameter/")) {
        s = s.substring("parameter".length());
      } else if (s.equals("parameter")) {
        s = "";
      }
    }
    int i = 0;
    while (i < s.length() && s.charAt(i) == '/') {
      i++;
    }
    return s.substring(i);
  }
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds fields of a parsed object that its fabric8 model class does not know. fabric8 keeps unknown
 * keys in {@code additionalProperties} instead of failing, so a misspelt key in a template (say
 * {@code mountPropogation}) would otherwise parse silently and be dropped by the API server.
 */
final class ModelStrictness {
  private ModelStrictness() {}

  /** Paths ({@code DaemonSet.spec.template...}) of the unknown fields of {@code root}. */
  static List<String> unknownFields(Object root) {
    List<String> found = new ArrayList<>();
    walk(root, root.getClass().getSimpleName(), found);
    return found;
  }

  private static void walk(Object node, String path, List<String> found) {
    if (node instanceof GenericKubernetesResource) {
      return; // No schema to check against.
    }
    if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", found);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "." + k, found));
      return;
    }
    if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get")
          || getter.getName().equals("getClass")) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(node);
      } catch (IllegalAccessException | InvocationTargetException e) {
        continue;
      }
      if (value == null) {
        continue;
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        ((Map<?, ?>) value).keySet().forEach(k -> found.add(path + "." + k));
      } else {
        walk(value, path + "." + decapitalize(getter.getName().substring(3)), found);
      }
    }
  }

  private static String decapitalize(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}

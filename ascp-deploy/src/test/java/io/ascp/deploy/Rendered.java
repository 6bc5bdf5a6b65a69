// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes objects parsed from a multi-document YAML stream (Helm's output or a manifest file)
 * with fabric8's model classes: every known kind becomes its typed class; others (such as a
 * ServiceMonitor) become a {@link GenericKubernetesResource}.
 */
record Rendered(List<HasMetadata> objects, List<JsonNode> documents) {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  Rendered {
    objects = List.copyOf(objects);
    documents = List.copyOf(documents);
  }

  static Rendered parse(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    List<JsonNode> raw = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document == null || document.isNull() || document.isMissingNode()) {
          continue;
        }
        if (!document.isObject() || !document.has("kind") || !document.has("apiVersion")) {
          throw new IllegalArgumentException("Not a Kubernetes object: " + document);
        }
        objects.add(SERIALIZATION.unmarshal(JSON.writeValueAsString(document), HasMetadata.class));
        raw.add(document);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Rendered(objects, raw);
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
    return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
  }

  <T extends HasMetadata> T one(Class<T> type, String name) {
    return find(type, name)
        .orElseThrow(
            () ->
                new AssertionError(
                    "no " + type.getSimpleName() + " named " + name + " in " + names()));
  }

  List<GenericKubernetesResource> generic(String kind) {
    return all(GenericKubernetesResource.class).stream()
        .filter(o -> o.getKind().equals(kind))
        .toList();
  }

  /** The document of the object of this kind and name, as written. */
  Optional<JsonNode> document(String kind, String name) {
    return documents.stream()
        .filter(d -> d.path("kind").asText().equals(kind))
        .filter(d -> d.path("metadata").path("name").asText().equals(name))
        .findFirst();
  }

  /** Kind/name of every object, in order. */
  List<String> names() {
    return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
  }

  DaemonSet daemonSet(String name) {
    return one(DaemonSet.class, name);
  }

  ClusterRole clusterRole(String name) {
    return one(ClusterRole.class, name);
  }

  ClusterRoleBinding clusterRoleBinding(String name) {
    return one(ClusterRoleBinding.class, name);
  }

  ServiceAccount serviceAccount(String name) {
    return one(ServiceAccount.class, name);
  }
}

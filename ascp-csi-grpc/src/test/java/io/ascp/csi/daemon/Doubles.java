// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountParameters;
import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;
import io.ascp.api.MountedFile;
import io.ascp.api.ObjectVersion;
import io.ascp.csi.kube.KubernetesLookups;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test doubles of the ascp-core seams and the Kubernetes lookups. */
final class Doubles {
  private Doubles() {}

  /** A token value that must never show up in a message or a log line. */
  static final String TOKEN_MARKER = "TOKEN-MARKER-eyJhbGciOiJSUzI1NiJ9";

  /** The attributes driver v1.6 sends for a pod, with both tokens. */
  static Map<String, String> podAttributes() {
    Map<String, String> attributes = new HashMap<>();
    attributes.put("secretProviderClass", "spc");
    attributes.put("csi.storage.k8s.io/pod.name", "web-0");
    attributes.put("csi.storage.k8s.io/pod.namespace", "shop");
    attributes.put("csi.storage.k8s.io/pod.uid", "uid-1");
    attributes.put("csi.storage.k8s.io/serviceAccount.name", "web");
    attributes.put("csi.storage.k8s.io/ephemeral", "true");
    attributes.put(
        "csi.storage.k8s.io/serviceAccount.tokens",
        "{\"sts.amazonaws.com\":{\"token\":\""
            + TOKEN_MARKER
            + "-sts\",\"expirationTimestamp\":\"2026-12-01T00:00:00Z\"},"
            + "\"pods.eks.amazonaws.com\":{\"token\":\""
            + TOKEN_MARKER
            + "-pod\",\"expirationTimestamp\":\"2026-12-01T00:00:00Z\"}}");
    attributes.put("objects", "- objectName: db\n  objectType: secretsmanager\n");
    return attributes;
  }

  /** A parser with the reference's messages for the steps the handler calls. */
  static final class FakeParser implements ParametersParser {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public int parsePermission(String permission) {
      calls.add("permission");
      try {
        return Integer.parseInt(permission);
      } catch (NumberFormatException e) {
        throw new AscpException(
            ErrorCode.INVALID_PARAMETERS,
            "failed to unmarshal file permission, error: unexpected end of JSON input");
      }
    }

    @Override
    public Optional<String> failoverRegion(String primaryRegion, String attribute) {
      calls.add("failover");
      if (attribute.isEmpty()) {
        return Optional.empty();
      }
      if (attribute.equals(primaryRegion)) {
        throw new AscpException(
            ErrorCode.INVALID_PARAMETERS,
            primaryRegion + ": failover region cannot be the same as the primary region");
      }
      return Optional.of(attribute);
    }

    @Override
    public boolean parseUsePodIdentity(String value) {
      calls.add("usePodIdentity");
      return switch (value) {
        case "" -> false;
        case "true" -> true;
        case "false" -> false;
        default ->
            throw new AscpException(
                ErrorCode.INVALID_PARAMETERS,
                "failed to parse usePodIdentity value, error: strconv.ParseBool: parsing \""
                    + value
                    + "\": invalid syntax");
      };
    }

    @Override
    public MountParameters parse(Map<String, String> attributes, String primaryRegion) {
      calls.add("parse");
      if (attributes.getOrDefault("objects", "").contains("bad")) {
        throw new AscpException(ErrorCode.INVALID_PARAMETERS, "Object name must be specified");
      }
      return MountParameters.of(primaryRegion, List.of());
    }
  }

  /** A mounter that returns fixed files and records its requests. */
  static final class FakeMounter implements Mounter {
    final List<MountRequest> requests = new CopyOnWriteArrayList<>();
    volatile MountResult result =
        new MountResult(
            List.of(
                new MountedFile("db", 0640, "s3cr3t".getBytes(StandardCharsets.UTF_8)),
                new MountedFile("db_user", 0644, "admin".getBytes(StandardCharsets.UTF_8))),
            List.of(new ObjectVersion("db", "v1"), new ObjectVersion("db_user", "v1")));

    @Override
    public MountResult mount(MountRequest request) {
      requests.add(request);
      return result;
    }
  }

  /** A writer that records what it was asked to write. */
  static final class FakeWriter implements SecretWriter {
    final List<Path> targets = new CopyOnWriteArrayList<>();
    final List<MountResult> results = new CopyOnWriteArrayList<>();

    @Override
    public void write(Path targetPath, MountResult result) {
      targets.add(targetPath);
      results.add(result);
    }
  }

  /** Kubernetes answers from maps, with a record of the lookups. */
  static final class FakeKube implements KubernetesLookups {
    final Map<String, String> roles = new HashMap<>();
    final Map<String, String> regions = new HashMap<>();
    final List<String> lookups = new CopyOnWriteArrayList<>();
    boolean closed;

    @Override
    public Optional<String> serviceAccountRoleArn(String namespace, String name) {
      lookups.add("sa " + namespace + "/" + name);
      if (!roles.containsKey(namespace + "/" + name)) {
        throw new AscpException(
            ErrorCode.KUBERNETES_LOOKUP, "serviceaccounts \"" + name + "\" not found");
      }
      String role = roles.getOrDefault(namespace + "/" + name, "");
      return role.isEmpty() ? Optional.empty() : Optional.of(role);
    }

    @Override
    public String podRegion(String namespace, String name, String podUid) {
      lookups.add("pod " + namespace + "/" + name);
      String region = regions.get(namespace + "/" + name);
      if (region == null) {
        throw new AscpException(ErrorCode.KUBERNETES_LOOKUP, "pods \"" + name + "\" not found");
      }
      return region;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.e2e;

import io.ascp.csi.kube.KubernetesLookups;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Kubernetes API on loopback for a test class: fabric8's mock server in CRUD mode (objects
 * created through its client are served to GETs), plain HTTP, no authentication.
 */
final class KubeApi implements BeforeAllCallback, AfterAllCallback {
  private @Nullable KubernetesMockServer server;
  private @Nullable KubernetesClient client;
  private @Nullable String startedBy;

  @Override
  public void beforeAll(ExtensionContext context) {
    if (server != null) {
      return; // a nested class
    }
    startedBy = context.getUniqueId();
    KubernetesMockServer s =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    s.init(InetAddress.getLoopbackAddress(), 0);
    server = s;
    client = s.createClient(new JdkHttpClientFactory());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (!context.getUniqueId().equals(startedBy)) {
      return; // a nested class ends; the outer class still needs the server
    }
    if (client != null) {
      client.close();
      client = null;
    }
    if (server != null) {
      server.destroy();
      server = null;
    }
  }

  private KubernetesClient client() {
    KubernetesClient c = client;
    if (c == null) {
      throw new IllegalStateException("the Kubernetes API is not running");
    }
    return c;
  }

  /** The API server's URL. */
  URI url() {
    KubernetesMockServer s = server;
    if (s == null) {
      throw new IllegalStateException("the Kubernetes API is not running");
    }
    try {
      // The URI constructor brackets an IPv6 loopback address.
      return new URI(
          "http",
          null,
          InetAddress.getLoopbackAddress().getHostAddress(),
          s.getPort(),
          null,
          null,
          null);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates (or replaces) a service account, annotated with {@code roleArn} when given. */
  KubeApi serviceAccount(String namespace, String name, @Nullable String roleArn) {
    ServiceAccountBuilder account =
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .endMetadata();
    if (roleArn != null) {
      account
          .editMetadata()
          .addToAnnotations(KubernetesLookups.ROLE_ARN_ANNOTATION, roleArn)
          .endMetadata();
    }
    client()
        .serviceAccounts()
        .inNamespace(namespace)
        .resource(account.build())
        .createOr(r -> r.update());
    return this;
  }

  /** Creates (or replaces) a pod on {@code node}. */
  KubeApi pod(String namespace, String name, String uid, String node) {
    client()
        .pods()
        .inNamespace(namespace)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withUid(uid)
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .endSpec()
                .build())
        .createOr(r -> r.update());
    return this;
  }

  /** Creates (or replaces) a node labelled with {@code region}. */
  KubeApi node(String name, String region) {
    client()
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels(KubernetesLookups.REGION_LABEL, region)
                .endMetadata()
                .build())
        .createOr(r -> r.update());
    return this;
  }

  /** Writes a kubeconfig that points at this server into {@code dir}; returns its path. */
  Path writeKubeconfig(Path dir) throws IOException {
    return Files.writeString(
        dir.resolve("kubeconfig"),
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster:
            server: %s
        contexts:
        - name: mock
          context:
            cluster: mock
            user: mock
            namespace: default
        current-context: mock
        users:
        - name: mock
          user:
            token: kube-api-token
        """
            .formatted(url()));
  }
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AscpException;
import io.ascp.api.AscpListener;
import io.ascp.api.AscpListener.KubernetesLookup.Outcome;
import io.ascp.api.ErrorCode;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fabric8 lookups against fabric8's mock API server on loopback. */
class Fabric8KubernetesLookupsTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/web";

  // One server and client for the class: starting them costs about a second each time.
  private static final KubernetesMockServer server = new KubernetesMockServer(false);
  private static KubernetesClient client;

  private final AtomicLong now = new AtomicLong();
  private final List<Long> sleeps = new ArrayList<>();
  private KubernetesLookups lookups;
  private int baseline;

  @BeforeAll
  static void startServer() {
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient(new JdkHttpClientFactory());
  }

  @AfterAll
  static void stopServer() {
    client.close();
    server.destroy();
  }

  @BeforeEach
  void setUp() {
    server.clearExpectations();
    baseline = server.getRequestCount();
    lookups = KubernetesAccess.forClient(client, false, -1, 0, now::get, sleeps::add);
  }

  @AfterEach
  void tearDown() {
    lookups.close();
  }

  /** The requests the server got in this test. */
  private int requests() {
    return server.getRequestCount() - baseline;
  }

  private void serviceAccount(@Nullable String role, int times) {
    ServiceAccountBuilder account =
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName("web")
            .withNamespace("shop")
            .endMetadata();
    if (role != null) {
      account
          .editMetadata()
          .addToAnnotations(KubernetesLookups.ROLE_ARN_ANNOTATION, role)
          .endMetadata();
    }
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/shop/serviceaccounts/web")
        .andReturn(200, account.build())
        .times(times);
  }

  private void pod(String node, int times) {
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/shop/pods/web-0")
        .andReturn(
            200,
            new PodBuilder()
                .withNewMetadata()
                .withName("web-0")
                .withNamespace("shop")
                .withUid("uid-1")
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .endSpec()
                .build())
        .times(times);
  }

  private void node(@Nullable String region, int times) {
    NodeBuilder node = new NodeBuilder().withNewMetadata().withName("node-a").endMetadata();
    if (region != null) {
      node.editMetadata().addToLabels(KubernetesLookups.REGION_LABEL, region).endMetadata();
    }
    server
        .expect()
        .get()
        .withPath("/api/v1/nodes/node-a")
        .andReturn(200, node.build())
        .times(times);
  }

  /** The lookups reported to a listener, as "kind outcome hit|miss". */
  private List<String> observe() {
    List<String> seen = new CopyOnWriteArrayList<>();
    lookups.observe(
        new AscpListener() {
          @Override
          public void kubernetesLookup(KubernetesLookup event) {
            seen.add(event.kind() + " " + event.outcome() + (event.cacheHit() ? " hit" : " miss"));
          }
        });
    return seen;
  }

  @Test
  void everyLookupIsReportedWithItsOutcomeAndCacheUse() {
    List<String> seen = observe();
    serviceAccount(ROLE, 1);
    lookups.serviceAccountRoleArn("shop", "web");
    lookups.serviceAccountRoleArn("shop", "web");
    pod("node-a", 2);
    node("eu-west-1", 1);
    lookups.podRegion("shop", "web-0", "uid-1");
    lookups.podRegion("shop", "web-0", "uid-1");
    lookups.podRegion("shop", "web-0", "uid-2");
    assertThatThrownBy(() -> lookups.serviceAccountRoleArn("shop", "other"))
        .isInstanceOf(AscpException.class);
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/shop/pods/web-1")
        .andReturn(500, new StatusBuilder().withCode(500).withMessage("etcd is down").build())
        .always();
    assertThatThrownBy(() -> lookups.podRegion("shop", "web-1", "uid-3"))
        .isInstanceOf(AscpException.class);

    assertThat(seen)
        .containsExactly(
            "ServiceAccount FOUND miss",
            "ServiceAccount FOUND hit",
            "Pod FOUND miss",
            "Node FOUND miss",
            "Pod FOUND hit",
            "Pod FOUND miss",
            "Node FOUND hit",
            "ServiceAccount NOT_FOUND miss",
            "Pod FAILED miss");
  }

  @Test
  void aMissingAnnotationOrLabelIsNotFoundAndAThrowingListenerChangesNothing() {
    List<String> seen = observe();
    serviceAccount(null, 1);
    pod("node-a", 1);
    node(null, 1);
    assertThat(lookups.serviceAccountRoleArn("shop", "web")).isEmpty();
    assertThatThrownBy(() -> lookups.podRegion("shop", "web-0", "uid-1"))
        .hasMessage("Region not found");
    assertThat(seen)
        .containsExactly("ServiceAccount NOT_FOUND miss", "Pod FOUND miss", "Node NOT_FOUND miss");

    lookups.observe(
        new AscpListener() {
          @Override
          public void kubernetesLookup(KubernetesLookup event) {
            throw new IllegalStateException("listener bug");
          }
        });
    serviceAccount(ROLE, 1);
    assertThat(lookups.serviceAccountRoleArn("shop", "web")).contains(ROLE);
    assertThat(Outcome.values()).hasSize(3);
  }

  @Test
  void theRoleAnnotationIsCachedFor30Seconds() throws Exception {
    serviceAccount(ROLE, 2);
    assertThat(lookups.serviceAccountRoleArn("shop", "web")).contains(ROLE);
    assertThat(lookups.serviceAccountRoleArn("shop", "web")).contains(ROLE);
    assertThat(requests()).isEqualTo(1);
    now.addAndGet(Duration.ofSeconds(29).toNanos());
    assertThat(lookups.serviceAccountRoleArn("shop", "web")).contains(ROLE);
    assertThat(requests()).isEqualTo(1);
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(lookups.serviceAccountRoleArn("shop", "web")).contains(ROLE);
    assertThat(requests()).isEqualTo(2);
    assertThat(server.getLastRequest().getMethod()).isEqualTo("GET");
  }

  @Test
  void aMissingAnnotationIsNeverCached() {
    serviceAccount(null, 1);
    assertThat(lookups.serviceAccountRoleArn("shop", "web")).isEmpty();
    serviceAccount("", 1);
    assertThat(lookups.serviceAccountRoleArn("shop", "web")).isEmpty();
    serviceAccount(ROLE, 1);
    assertThat(lookups.serviceAccountRoleArn("shop", "web")).contains(ROLE);
    assertThat(requests()).isEqualTo(3);
  }

  @Test
  void aMissingServiceAccountIsClientGosNotFoundAndNeverCached() {
    assertThatThrownBy(() -> lookups.serviceAccountRoleArn("shop", "web"))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.KUBERNETES_LOOKUP))
        .hasMessage("serviceaccounts \"web\" not found");
    serviceAccount(ROLE, 1);
    assertThat(lookups.serviceAccountRoleArn("shop", "web")).contains(ROLE);
  }

  @Test
  void theApiServersMessageIsKept() {
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/shop/serviceaccounts/web")
        .andReturn(
            403,
            new StatusBuilder()
                .withCode(403)
                .withReason("Forbidden")
                .withMessage("serviceaccounts \"web\" is forbidden: User \"x\" cannot get resource")
                .build())
        .once();
    assertThatThrownBy(() -> lookups.serviceAccountRoleArn("shop", "web"))
        .hasMessage("serviceaccounts \"web\" is forbidden: User \"x\" cannot get resource");
  }

  @Test
  void theRegionComesFromThePodsNodeAndIsCachedByPodUid() {
    pod("node-a", 1);
    node("eu-west-1", 1);
    assertThat(lookups.podRegion("shop", "web-0", "uid-1")).isEqualTo("eu-west-1");
    assertThat(lookups.podRegion("shop", "web-0", "uid-1")).isEqualTo("eu-west-1");
    assertThat(requests()).isEqualTo(2);
  }

  @Test
  void anotherPodOnTheSameNodeNeedsOnlyThePod() {
    pod("node-a", 2);
    node("eu-west-1", 1);
    assertThat(lookups.podRegion("shop", "web-0", "uid-1")).isEqualTo("eu-west-1");
    assertThat(lookups.podRegion("shop", "web-0", "uid-2")).isEqualTo("eu-west-1");
    assertThat(requests()).isEqualTo(3);
  }

  @Test
  void withoutUidNothingIsCachedByPod() {
    pod("node-a", 2);
    node("eu-west-1", 1);
    lookups.podRegion("shop", "web-0", "");
    lookups.podRegion("shop", "web-0", "");
    assertThat(requests()).isEqualTo(3);
  }

  @Test
  void missingPodNodeOrLabel() {
    assertThatThrownBy(() -> lookups.podRegion("shop", "web-0", "uid-1"))
        .hasMessage("pods \"web-0\" not found");
    pod("node-a", 3);
    assertThatThrownBy(() -> lookups.podRegion("shop", "web-0", "uid-1"))
        .hasMessage("nodes \"node-a\" not found");
    node(null, 1);
    assertThatThrownBy(() -> lookups.podRegion("shop", "web-0", "uid-1"))
        .hasMessage("Region not found");
    node("eu-west-1", 1);
    assertThat(lookups.podRegion("shop", "web-0", "uid-1")).isEqualTo("eu-west-1");
  }

  @Test
  void emptyNames() {
    assertThatThrownBy(() -> lookups.podRegion("shop", "", ""))
        .hasMessage("resource name may not be empty");
    assertThatThrownBy(() -> lookups.serviceAccountRoleArn("", "web"))
        .hasMessage("namespace may not be empty");
    assertThat(requests()).isZero();
  }

  @Test
  void theRateLimitAppliesToEveryGet() {
    KubernetesLookups limited =
        KubernetesAccess.forClient(client, false, 1, 1, now::get, sleeps::add);
    serviceAccount(null, 3);
    limited.serviceAccountRoleArn("shop", "web");
    limited.serviceAccountRoleArn("shop", "web");
    limited.serviceAccountRoleArn("shop", "web");
    assertThat(sleeps).containsExactly(1_000_000_000L, 2_000_000_000L);
    limited.close();
  }

  @Test
  void anUnreachableApiServer() {
    // The discard port on loopback: nothing listens, the connection is refused at once.
    KubernetesClient unreachable =
        KubernetesAccess.newClient(
            new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:9")
                .withRequestRetryBackoffLimit(0)
                .withConnectionTimeout(2_000)
                .build());
    try (KubernetesLookups broken =
        KubernetesAccess.forClient(unreachable, true, -1, 0, now::get, sleeps::add)) {
      assertThatThrownBy(() -> broken.serviceAccountRoleArn("shop", "web"))
          .isInstanceOfSatisfying(
              AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.KUBERNETES_LOOKUP))
          .hasMessageStartingWith("GET serviceaccounts \"web\" failed: ");
    }
  }
}

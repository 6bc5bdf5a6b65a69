// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.storage.CSIDriver;
import io.fabric8.kubernetes.api.model.storage.TokenRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders the chart with Helm (helm-java) and checks the invariants of every object: the
 * reference's names, labels and selector; RBAC per {@code awsRegion}; probes; volumes and mount
 * propagation per write mode; the hardened security context; arguments per value; the JVM command;
 * metrics switches; the driver dependency; lint.
 */
class ChartRenderTest {
  private static final String NAME = ChartFixture.CHART_NAME;

  /** The reference's example of a truncated full name (ascp-behavior §7). */
  private static final String FULLNAME =
      "csi-secrets-store-provider-aws-secrets-store-csi-driver-provide";

  private static final String CONTAINER = "provider-aws-installer";

  @TempDir Path tmp;

  private Rendered render(String... values) {
    return Rendered.parse(ChartFixture.stubbed(tmp).render(values));
  }

  private static DaemonSet provider(Rendered r) {
    return r.daemonSet(FULLNAME);
  }

  private static PodSpec pod(Rendered r) {
    return provider(r).getSpec().getTemplate().getSpec();
  }

  private static Container container(Rendered r) {
    return pod(r).getContainers().stream()
        .filter(c -> c.getName().equals(CONTAINER))
        .findFirst()
        .orElseThrow();
  }

  private static Optional<Volume> volume(Rendered r, String name) {
    return pod(r).getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst();
  }

  private static Optional<VolumeMount> mount(Rendered r, String name) {
    return container(r).getVolumeMounts().stream()
        .filter(m -> m.getName().equals(name))
        .findFirst();
  }

  private static JsonNode defaults() throws IOException {
    return new YAMLMapper().readTree(ChartFixture.chartSource().resolve("values.yaml").toFile());
  }

  @Test
  void namesLabelsAndSelectorAreTheReferences() {
    Rendered r = render();

    assertThat(r.names())
        .contains(
            "ServiceAccount/" + FULLNAME,
            "ClusterRole/" + FULLNAME + "-cluster-role",
            "ClusterRoleBinding/" + FULLNAME + "-cluster-role-binding",
            "DaemonSet/" + FULLNAME);
    assertThat(FULLNAME).hasSize(63);

    DaemonSet ds = provider(r);
    assertThat(ds.getMetadata().getNamespace()).isEqualTo(ChartFixture.NAMESPACE);
    assertThat(ds.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of("app", NAME));
    Map<String, String> expectedLabels =
        Map.of(
            "helm.sh/chart",
            NAME + "-0.1.0",
            "app.kubernetes.io/name",
            NAME,
            "app.kubernetes.io/instance",
            ChartFixture.RELEASE,
            "app.kubernetes.io/version",
            "0.1.0",
            "app.kubernetes.io/managed-by",
            "Helm",
            "app",
            NAME);
    assertThat(ds.getMetadata().getLabels()).isEqualTo(expectedLabels);
    assertThat(ds.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(expectedLabels);
    for (HasMetadata o : r.objects()) {
      if (o.getMetadata().getName().startsWith(FULLNAME)) {
        assertThat(o.getMetadata().getLabels()).as(o.getKind()).isEqualTo(expectedLabels);
      }
    }

    PodSpec pod = pod(r);
    assertThat(pod.getServiceAccountName()).isEqualTo(FULLNAME);
    assertThat(pod.getHostNetwork()).isFalse();
    assertThat(pod.getContainers()).extracting(Container::getName).containsExactly(CONTAINER);
    assertThat(pod.getInitContainers()).isEmpty();
    assertThat(pod.getNodeSelector()).isEqualTo(Map.of("kubernetes.io/os", "linux"));
    assertThat(
            pod.getAffinity()
                .getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms()
                .get(0)
                .getMatchExpressions())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getKey()).isEqualTo("eks.amazonaws.com/compute-type");
              assertThat(e.getOperator()).isEqualTo("NotIn");
              assertThat(e.getValues()).containsExactly("fargate");
            });
    assertThat(ds.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");

    ClusterRoleBinding binding = r.clusterRoleBinding(FULLNAME + "-cluster-role-binding");
    assertThat(binding.getRoleRef().getName()).isEqualTo(FULLNAME + "-cluster-role");
    assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getKind()).isEqualTo("ServiceAccount");
              assertThat(s.getName()).isEqualTo(FULLNAME);
              assertThat(s.getNamespace()).isEqualTo(ChartFixture.NAMESPACE);
            });
    assertThat(r.serviceAccount(FULLNAME).getMetadata().getNamespace()).isEqualTo("kube-system");
  }

  @Test
  void fullNameFollowsTheReferenceRules() {
    ChartFixture chart = ChartFixture.stubbed(tmp);
    assertThat(Rendered.parse(chart.renderAs("ascp")).find(DaemonSet.class, "ascp-" + NAME))
        .isPresent();
    String containing = "prod-" + NAME;
    assertThat(Rendered.parse(chart.renderAs(containing)).find(DaemonSet.class, containing))
        .isPresent();
    assertThat(
            Rendered.parse(chart.renderAs("ascp", "fullnameOverride: provider-aws"))
                .find(DaemonSet.class, "provider-aws"))
        .isPresent();

    Rendered renamed = Rendered.parse(chart.renderAs("ascp", "nameOverride: aws-provider"));
    DaemonSet ds = renamed.daemonSet("ascp-aws-provider");
    assertThat(ds.getSpec().getSelector().getMatchLabels())
        .isEqualTo(Map.of("app", "aws-provider"));
    assertThat(ds.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("app", "aws-provider");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "us-west-2"})
  void rbacIsGetOnlyAndNeedsPodsAndNodesOnlyWithoutARegion(String region) {
    Rendered r = render("awsRegion: \"" + region + "\"\n");
    ClusterRole role = r.clusterRole(FULLNAME + "-cluster-role");

    List<String> resources = new ArrayList<>();
    for (PolicyRule rule : role.getRules()) {
      assertThat(rule.getVerbs()).containsExactly("get");
      assertThat(rule.getApiGroups()).containsExactly("");
      assertThat(rule.getResourceNames()).isEmpty();
      assertThat(rule.getNonResourceURLs()).isEmpty();
      resources.addAll(rule.getResources());
    }
    assertThat(resources).doesNotContain("serviceaccounts/token").allMatch(s -> !s.contains("/"));
    List<EnvVar> env = container(r).getEnv();
    if (region.isEmpty()) {
      assertThat(resources).containsExactly("serviceaccounts", "pods", "nodes");
      assertThat(env).isEmpty();
    } else {
      assertThat(resources).containsExactly("serviceaccounts");
      assertThat(env).singleElement().isEqualTo(new EnvVar("AWS_REGION", region, null));
    }
  }

  @Test
  void withoutRbacNothingIsCreatedAndTheNamedAccountIsUsed() {
    Rendered r = render("rbac:\n  install: false\n  serviceAccountName: external-sa\n");
    assertThat(r.names())
        .noneMatch(n -> n.startsWith("ServiceAccount/") || n.startsWith("ClusterRole"));
    assertThat(pod(r).getServiceAccountName()).isEqualTo("external-sa");

    Rendered named = render("rbac:\n  serviceAccountName: named-sa\n");
    assertThat(named.serviceAccount("named-sa").getMetadata().getNamespace())
        .isEqualTo("kube-system");
    assertThat(
            named
                .clusterRoleBinding(FULLNAME + "-cluster-role-binding")
                .getSubjects()
                .get(0)
                .getName())
        .isEqualTo("named-sa");
  }

  @Test
  void probesAndTheHealthListenerUseThePort() {
    Container c = container(render());
    assertThat(c.getArgs()).contains("--http-address=:8989");
    assertThat(c.getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getName()).isEqualTo("http");
              assertThat(p.getContainerPort()).isEqualTo(8989);
              assertThat(p.getHostPort()).isNull();
            });
    assertProbe(c.getStartupProbe(), "/healthz");
    assertProbe(c.getLivenessProbe(), "/healthz");
    assertProbe(c.getReadinessProbe(), "/readyz");
    assertThat(c.getStartupProbe().getFailureThreshold() * c.getStartupProbe().getPeriodSeconds())
        .as("seconds a CPU-starved JVM gets to start")
        .isGreaterThanOrEqualTo(60);

    Container other = container(render("port: 9090\n"));
    assertThat(other.getArgs()).contains("--http-address=:9090");
    assertThat(other.getPorts().get(0).getContainerPort()).isEqualTo(9090);

    Container noProbes = container(render("probes:\n  enabled: false\n"));
    assertThat(noProbes.getArgs()).contains("--http-address=:8989");
    assertThat(noProbes.getLivenessProbe()).isNull();
    assertThat(noProbes.getReadinessProbe()).isNull();
    assertThat(noProbes.getStartupProbe()).isNull();

    Container off = container(render("port: 0\n"));
    assertThat(off.getArgs()).noneMatch(a -> a.startsWith("--http-address"));
    assertThat(off.getPorts()).isEmpty();
    assertThat(off.getLivenessProbe()).isNull();
  }

  private static void assertProbe(Probe probe, String path) {
    assertThat(probe).isNotNull();
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(probe.getExec()).isNull();
  }

  @Test
  void providerWritesModeMountsTheKubeletPodsDirectoryWithHostToContainer() {
    Rendered r = render();
    assertThat(container(r).getArgs()).noneMatch(a -> a.startsWith("--driver-writes-secrets"));
    assertThat(volume(r, "mountpoint-dir").orElseThrow().getHostPath())
        .satisfies(
            h -> {
              assertThat(h.getPath()).isEqualTo("/var/lib/kubelet/pods");
              assertThat(h.getType()).isEqualTo("DirectoryOrCreate");
            });
    VolumeMount pods = mount(r, "mountpoint-dir").orElseThrow();
    assertThat(pods.getMountPath()).isEqualTo("/var/lib/kubelet/pods");
    assertThat(pods.getMountPropagation()).isEqualTo("HostToContainer");
    assertSocketAndTmpVolumes(r, "/var/run/secrets-store-csi-providers");

    SecurityContext sc = container(r).getSecurityContext();
    assertThat(sc.getRunAsNonRoot()).isNull();
    assertThat(sc.getRunAsUser())
        .as("root from the image: it writes into the pods' volumes")
        .isNull();

    Rendered custom =
        render(
            "kubeletPath: /var/lib/k0s/kubelet\nproviderVolume: /etc/kubernetes/secrets-store-csi-providers\n");
    assertThat(volume(custom, "mountpoint-dir").orElseThrow().getHostPath().getPath())
        .isEqualTo("/var/lib/k0s/kubelet/pods");
    assertThat(mount(custom, "mountpoint-dir").orElseThrow().getMountPath())
        .isEqualTo("/var/lib/k0s/kubelet/pods");
    assertSocketAndTmpVolumes(custom, "/etc/kubernetes/secrets-store-csi-providers");
    assertThat(container(custom).getArgs().get(0))
        .isEqualTo("--provider-volume=/etc/kubernetes/secrets-store-csi-providers");
  }

  private static void assertSocketAndTmpVolumes(Rendered r, String providerVolume) {
    Volume socket = volume(r, "providervol").orElseThrow();
    assertThat(socket.getHostPath().getPath()).isEqualTo(providerVolume);
    assertThat(socket.getHostPath().getType()).as("the reference sets no type").isNull();
    assertThat(mount(r, "providervol").orElseThrow().getMountPath()).isEqualTo(providerVolume);
    assertThat(mount(r, "providervol").orElseThrow().getMountPropagation()).isNull();
    Volume tmp = volume(r, "tmp").orElseThrow();
    assertThat(tmp.getEmptyDir()).isNotNull();
    assertThat(tmp.getEmptyDir().getMedium())
        .as("not RAM: it would count against the limit")
        .isNull();
    assertThat(tmp.getEmptyDir().getSizeLimit().toString()).isEqualTo("32Mi");
    assertThat(mount(r, "tmp").orElseThrow().getMountPath()).isEqualTo("/tmp");
  }

  @Test
  void driverWritesModeRunsAsNonRootWithoutTheKubeletDirectory() {
    Rendered r = render("driverWritesSecrets: true\n");
    Container c = container(r);
    assertThat(c.getArgs())
        .containsSubsequence(
            "--provider-volume=/var/run/secrets-store-csi-providers",
            "--driver-writes-secrets=true");
    assertThat(volume(r, "mountpoint-dir")).isEmpty();
    assertThat(mount(r, "mountpoint-dir")).isEmpty();
    assertSocketAndTmpVolumes(r, "/var/run/secrets-store-csi-providers");
    assertThat(c.getSecurityContext())
        .satisfies(
            sc -> {
              assertThat(sc.getRunAsNonRoot()).isTrue();
              assertThat(sc.getRunAsUser()).isEqualTo(65532L);
              assertThat(sc.getRunAsGroup()).isEqualTo(65532L);
            });
    assertHardened(c.getSecurityContext());

    Container init = pod(r).getInitContainers().get(0);
    assertThat(pod(r).getInitContainers()).hasSize(1);
    assertThat(init.getName()).isEqualTo("prepare-socket-dir");
    assertThat(init.getImage()).isEqualTo(c.getImage());
    assertThat(init.getCommand())
        .containsSubsequence(
            "/opt/java/bin/java",
            "-cp",
            "/app/classes",
            SocketDirectoryInit.class.getName(),
            "/var/run/secrets-store-csi-providers",
            "65532");
    assertThat(init.getArgs()).isEmpty();
    SecurityContext isc = init.getSecurityContext();
    assertThat(isc.getRunAsUser()).isZero();
    assertThat(isc.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(isc.getCapabilities().getAdd()).containsExactly("CHOWN");
    assertThat(isc.getAllowPrivilegeEscalation()).isFalse();
    assertThat(isc.getPrivileged()).isFalse();
    assertThat(isc.getReadOnlyRootFilesystem()).isTrue();
    assertThat(isc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(init.getVolumeMounts())
        .singleElement()
        .satisfies(m -> assertThat(m.getName()).isEqualTo("providervol"));

    Rendered custom =
        render(
            "driverWritesSecrets: true\nnonRoot:\n  uid: 1001\n  gid: 2002\n",
            "securityContext:\n  runAsUser: 3003\n");
    assertThat(container(custom).getSecurityContext().getRunAsUser())
        .as("the user's wins")
        .isEqualTo(3003L);
    assertThat(container(custom).getSecurityContext().getRunAsGroup()).isEqualTo(2002L);
    assertThat(pod(custom).getInitContainers().get(0).getCommand()).endsWith("2002");

    Rendered unprepared =
        render("driverWritesSecrets: true\nnonRoot:\n  prepareSocketDirectory: false\n");
    assertThat(pod(unprepared).getInitContainers()).isEmpty();
  }

  @Test
  void theSecurityContextIsHardenedAndAReferenceSecurityContextKeepsIt() {
    assertHardened(container(render()).getSecurityContext());
    // A values file for the reference chart sets only its two keys: Helm merges, the rest stays.
    assertHardened(
        container(
                render(
                    "securityContext:\n  privileged: false\n  allowPrivilegeEscalation: false\n"))
            .getSecurityContext());
    // null removes a default key, the documented way out.
    SecurityContext relaxed =
        container(render("securityContext:\n  readOnlyRootFilesystem: null\n"))
            .getSecurityContext();
    assertThat(relaxed.getReadOnlyRootFilesystem()).isNull();
    assertThat(relaxed.getCapabilities().getDrop()).containsExactly("ALL");
  }

  private static void assertHardened(SecurityContext sc) {
    assertThat(sc.getPrivileged()).isFalse();
    assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
    assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
    assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(sc.getCapabilities().getAdd()).isEmpty();
    assertThat(sc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
  }

  @Test
  void argumentsAndEnvironmentFollowTheValues() {
    Container plain = container(render());
    assertThat(plain.getArgs())
        .containsExactly(
            "--provider-volume=/var/run/secrets-store-csi-providers", "--http-address=:8989");
    assertThat(plain.getEnv()).isEmpty();

    Container c =
        container(
            render(
                """
                k8sThrottlingParams:
                  qps: 20
                  burst: 40
                eksAddonVersion: v1.2.3-eksbuild.1
                podIdentityHttpTimeout: 750ms
                useFipsEndpoint: true
                awsRegion: eu-west-1
                extraArgs: ["--log-format=json", "--status-codes=unknown"]
                """));
    assertThat(c.getArgs())
        .containsExactly(
            "--provider-volume=/var/run/secrets-store-csi-providers",
            "--qps=20",
            "--burst=40",
            "--eks-addon-version=v1.2.3-eksbuild.1",
            "--pod-identity-http-timeout=750ms",
            "--http-address=:8989",
            "--log-format=json",
            "--status-codes=unknown");
    assertThat(c.getEnv())
        .containsExactly(
            new EnvVar("AWS_USE_FIPS_ENDPOINT", "true", null),
            new EnvVar("AWS_REGION", "eu-west-1", null));

    Container onlyBurst = container(render("k8sThrottlingParams:\n  burst: 7\n"));
    assertThat(onlyBurst.getArgs()).contains("--burst=7").noneMatch(a -> a.startsWith("--qps"));
  }

  @Test
  void theValueCacheIsOffByDefaultAndItsFlagsAreRenderedOnlyWhenSet() throws IOException {
    assertThat(container(render()).getArgs()).noneMatch(a -> a.startsWith("--cache-"));
    assertThat(defaults().get("valueCache").get("ttl").asText()).isEmpty();

    Container all =
        container(
            render(
                """
                valueCache:
                  ttl: 5m
                  pinnedTtl: 1h
                  maxBytes: 16777216
                  revalidate: true
                """));
    assertThat(all.getArgs())
        .containsSubsequence(
            "--http-address=:8989",
            "--cache-ttl=5m",
            "--cache-pinned-ttl=1h",
            "--cache-max-bytes=16777216",
            "--cache-revalidate=true");

    Container ttlOnly = container(render("valueCache:\n  ttl: 90s\n"));
    assertThat(ttlOnly.getArgs())
        .contains("--cache-ttl=90s")
        .noneMatch(a -> a.startsWith("--cache-pinned-ttl"))
        .noneMatch(a -> a.startsWith("--cache-max-bytes"))
        .noneMatch(a -> a.startsWith("--cache-revalidate"));
  }

  @Test
  void theJvmOptionsFormTheCommand() throws IOException {
    List<String> options = new ArrayList<>();
    defaults().path("jvm").path("options").forEach(o -> options.add(o.asText()));
    assertThat(options)
        .contains("-XX:+UseSerialGC", "-XX:MaxRAMPercentage=40", "-XX:+ExitOnOutOfMemoryError");

    List<String> expected = new ArrayList<>();
    expected.add("/opt/java/bin/java");
    expected.addAll(options);
    expected.add("-jar");
    expected.add("/app/ascp-provider.jar");
    assertThat(container(render()).getCommand()).isEqualTo(expected);

    List<String> withExtra =
        container(render("jvm:\n  extraOptions: [\"-XX:MaxRAMPercentage=50\", \"-Dx=y\"]\n"))
            .getCommand();
    assertThat(withExtra)
        .containsSubsequence(
            options.get(options.size() - 1), "-XX:MaxRAMPercentage=50", "-Dx=y", "-jar");

    Container defaults = container(render());
    assertThat(defaults.getResources().getLimits()).extractingByKey("memory").hasToString("256Mi");
    assertThat(defaults.getResources().getRequests())
        .extractingByKey("memory")
        .hasToString("192Mi");
  }

  @Test
  void metricsAreOffByDefault() {
    Rendered r = render();
    assertThat(provider(r).getSpec().getTemplate().getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(r.all(Service.class)).isEmpty();
    assertThat(r.generic("ServiceMonitor")).isEmpty();
  }

  @Test
  void metricsSwitchesAddAnnotationsAndAServiceMonitor() {
    Rendered r =
        render(
            """
            podAnnotations:
              example.com/a: b
            metrics:
              podAnnotations: true
              serviceMonitor:
                enabled: true
                labels:
                  release: prom
            """);
    assertThat(provider(r).getSpec().getTemplate().getMetadata().getAnnotations())
        .isEqualTo(
            Map.of(
                "example.com/a", "b",
                "prometheus.io/scrape", "true",
                "prometheus.io/port", "8989",
                "prometheus.io/path", "/metrics"));
    Service service = r.one(Service.class, FULLNAME + "-metrics");
    assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(service.getSpec().getSelector())
        .isEqualTo(Map.of("app", NAME, "app.kubernetes.io/instance", ChartFixture.RELEASE));
    assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
    GenericKubernetesResource monitor = r.generic("ServiceMonitor").get(0);
    assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prom");
    Map<String, Object> endpoint = monitor.get("spec", "endpoints", 0);
    assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/metrics");
    Map<String, Object> selector = monitor.get("spec", "selector", "matchLabels");
    assertThat(selector)
        .isEqualTo(Map.of("app", NAME, "app.kubernetes.io/instance", ChartFixture.RELEASE));
  }

  @Test
  void theDriverDependencyRequestsBothTokenAudiences() {
    Rendered r = render();
    CSIDriver driver = r.one(CSIDriver.class, "secrets-store.csi.k8s.io");
    assertThat(driver.getSpec().getTokenRequests())
        .extracting(TokenRequest::getAudience)
        .containsExactly("sts.amazonaws.com", "pods.eks.amazonaws.com");
    DaemonSet driverDs = r.daemonSet("secrets-store-csi-driver");
    assertThat(
            driverDs
                .getSpec()
                .getTemplate()
                .getSpec()
                .getAffinity()
                .getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms()
                .get(0)
                .getMatchExpressions())
        .extracting(e -> e.getKey() + " " + e.getOperator() + " " + e.getValues())
        .containsExactly(
            "type NotIn [virtual-kubelet]", "eks.amazonaws.com/compute-type NotIn [fargate]");
    assertThat(driverDs.getMetadata().getAnnotations()).containsEntry("stub/sync-secret", "false");

    Rendered withSync = render("secrets-store-csi-driver:\n  syncSecret:\n    enabled: true\n");
    assertThat(withSync.daemonSet("secrets-store-csi-driver").getMetadata().getAnnotations())
        .containsEntry("stub/sync-secret", "true");

    Rendered without = render("secrets-store-csi-driver:\n  install: false\n");
    assertThat(without.all(CSIDriver.class)).isEmpty();
    assertThat(without.find(DaemonSet.class, "secrets-store-csi-driver")).isEmpty();
  }

  @Test
  void chartYamlDeclaresTheReferencesDependency() throws IOException {
    JsonNode chart =
        new YAMLMapper().readTree(ChartFixture.chartSource().resolve("Chart.yaml").toFile());
    assertThat(chart.path("name").asText()).isEqualTo(NAME);
    assertThat(chart.path("apiVersion").asText()).isEqualTo("v2");
    JsonNode dependency = chart.path("dependencies").get(0);
    assertThat(chart.path("dependencies")).hasSize(1);
    assertThat(dependency.path("name").asText()).isEqualTo("secrets-store-csi-driver");
    assertThat(dependency.path("version").asText()).isEqualTo("^1");
    assertThat(dependency.path("condition").asText()).isEqualTo("secrets-store-csi-driver.install");
    assertThat(dependency.path("repository").asText())
        .isEqualTo("https://kubernetes-sigs.github.io/secrets-store-csi-driver/charts");

    JsonNode lock =
        new YAMLMapper().readTree(ChartFixture.chartSource().resolve("Chart.lock").toFile());
    assertThat(lock.path("dependencies").get(0).path("version").asText()).isEqualTo("1.6.0");
  }

  @Test
  void chartLockIsInSyncWithChartYaml() throws IOException {
    // `helm dependency build` checks the lock's digest before it looks for the repository, so with
    // no repository configured the shipped lock fails only at the repository...
    ChartFixture chart = ChartFixture.bare(tmp.resolve("shipped"));
    assertThatThrownBy(() -> chart.helm().dependency().build().skipRefresh().call())
        .hasMessageContaining("no repository definition")
        .hasMessageNotContaining("out of sync");
    // ...while a lock that does not match Chart.yaml fails at the digest (the check is real).
    ChartFixture tampered = ChartFixture.bare(tmp.resolve("tampered"));
    Path lock = tampered.chart().resolve("Chart.lock");
    Files.writeString(
        lock,
        Files.readString(lock).replaceFirst("sha256:[0-9a-f]{8}", "sha256:00000000"),
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> tampered.helm().dependency().build().skipRefresh().call())
        .hasMessageContaining("out of sync");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "driverWritesSecrets: true",
        "awsRegion: us-east-1",
        "metrics: {podAnnotations: true, serviceMonitor: {enabled: true}}",
        "port: 0"
      })
  void lintsStrictAndEveryObjectParsesWithoutUnknownFields(String values) {
    ChartFixture chart = ChartFixture.stubbed(tmp);
    // helm-java's lint reads the chart's own values: the values under test become its defaults.
    chart.overrideDefaults(values);
    LintResult lint = chart.helm().lint().strict().call();
    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    assertThat(lint.getMessages()).allMatch(m -> m.startsWith("[INFO]"));

    Rendered r = Rendered.parse(chart.render());
    for (HasMetadata o : r.objects()) {
      assertThat(ModelStrictness.unknownFields(o))
          .as(o.getKind() + "/" + o.getMetadata().getName())
          .isEmpty();
    }
  }

  @Test
  void unknownFieldsAreFound() {
    Rendered r =
        Rendered.parse(
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers:
                    - name: c
                      volumeMounts: [{name: v, mountPath: /x, mountPropogation: HostToContainer}]
            """);
    assertThat(ModelStrictness.unknownFields(r.objects().get(0)))
        .containsExactly(
            "DaemonSet.spec.template.spec.containers[0].volumeMounts[0].mountPropogation");
  }

  @Test
  void notesWarnWhenTheMemoryLimitIsBelowTheJvmsNeed() {
    ChartFixture chart = ChartFixture.stubbed(tmp);
    String small =
        chart
            .helm()
            .install()
            .withName("x")
            .withNamespace("kube-system")
            .clientOnly()
            .dryRun()
            .withValuesFile(chart.valuesFile("resources:\n  limits:\n    memory: 100Mi\n"))
            .call()
            .getOutput();
    assertThat(small).contains("WARNING: the memory limit is 100Mi");
    String gi =
        chart
            .helm()
            .install()
            .withName("x")
            .withNamespace("kube-system")
            .clientOnly()
            .dryRun()
            .withValuesFile(chart.valuesFile("resources:\n  limits:\n    memory: 1Gi\n"))
            .call()
            .getOutput();
    String defaults =
        chart
            .helm()
            .install()
            .withName("x")
            .withNamespace("kube-system")
            .clientOnly()
            .dryRun()
            .call()
            .getOutput();
    assertThat(Stream.of(gi, defaults))
        .allSatisfy(o -> assertThat(o).contains("NOTES:").doesNotContain("WARNING"));
  }

  @Test
  void valuesYamlHasEveryValueOfTheReferenceChart() throws IOException {
    JsonNode values = defaults();
    for (String key :
        List.of(
            "image",
            "awsRegion",
            "nameOverride",
            "fullnameOverride",
            "providerVolume",
            "kubeletPath",
            "driverWritesSecrets",
            "commonLabels",
            "podLabels",
            "podAnnotations",
            "affinity",
            "resources",
            "priorityClassName",
            "nodeSelector",
            "tolerations",
            "port",
            "updateStrategy",
            "imagePullSecrets",
            "rbac",
            "securityContext",
            "useFipsEndpoint",
            "podIdentityHttpTimeout",
            "dnsConfig",
            "secrets-store-csi-driver")) {
      assertThat(values.has(key)).as(key).isTrue();
    }
    assertThat(values.path("image").has("repository")).isTrue();
    assertThat(values.path("rbac").path("install").asBoolean()).isTrue();
    assertThat(values.path("providerVolume").asText())
        .isEqualTo("/var/run/secrets-store-csi-providers");
    assertThat(values.path("kubeletPath").asText()).isEqualTo("/var/lib/kubelet");
    assertThat(values.path("port").asInt()).isEqualTo(8989);
    // The reference's template-only values are documented in values.yaml.
    String text = Files.readString(ChartFixture.chartSource().resolve("values.yaml"));
    assertThat(text)
        .contains(
            "dnsPolicy",
            "k8sThrottlingParams",
            "qps",
            "burst",
            "eksAddonVersion",
            "serviceAccountName");
  }
}

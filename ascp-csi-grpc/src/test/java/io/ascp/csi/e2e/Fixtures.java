// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.e2e;

import io.ascp.api.CallerIdentity;
import io.ascp.csi.testing.PodVolume;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cluster and the class the end-to-end tests share: namespace {@code shop}, pod {@code web-0}
 * on node {@code node-a} in {@link #NODE_REGION}, service account {@code web} annotated with {@link
 * #ROLE}, and a class of 2 Secrets Manager secrets (one JSON with two JMESPath files, one binary)
 * and 11 SSM parameters.
 */
final class Fixtures {
  private Fixtures() {}

  static final String NAMESPACE = "shop";
  static final String POD = "web-0";
  static final String POD_UID = "7d1c2b4a-0000-4000-8000-00000000web0";
  static final String SERVICE_ACCOUNT = "web";
  static final String NODE = "node-a";

  /** The region label of the pod's node; the daemons run without AWS_REGION. */
  static final String NODE_REGION = "eu-west-1";

  /** The failover region of the failover tests. */
  static final String FAILOVER_REGION = "eu-central-1";

  /** The IRSA role annotated on the service account. */
  static final String ROLE = "arn:aws:iam::123456789012:role/shop-web";

  /** The role the Pod Identity association of {@code shop/pi} gives. */
  static final String POD_IDENTITY_ROLE = "arn:aws:iam::123456789012:role/shop-pi";

  /** Part of every secret value; must never appear in a log line or a status message. */
  static final String SECRET_MARKER = "SECRETMARKERv4k2";

  /** The password in the JSON secret. */
  static final String PASSWORD = "pw-" + SECRET_MARKER + "-1";

  /** The JSON secret's value. */
  static final String DB_JSON = "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}";

  /** The binary secret: bytes that are not UTF-8, including a marker. */
  static final byte[] BINARY =
      concat(
          new byte[] {0, (byte) 0xff, (byte) 0x80, 0x7f, (byte) 0xc3},
          SECRET_MARKER.getBytes(java.nio.charset.StandardCharsets.US_ASCII));

  /** The value of parameter {@code /shop/pNN}. */
  static String parameterValue(int n) {
    return "value-%02d-%s".formatted(n, SECRET_MARKER);
  }

  /** The name of parameter number {@code n}. */
  static String parameterName(int n) {
    return "/shop/p%02d".formatted(n);
  }

  /** The class's objects: 2 Secrets Manager secrets and 11 SSM parameters. */
  static String objects() {
    StringBuilder yaml =
        new StringBuilder(
            """
            - objectName: shop/db
              objectType: secretsmanager
              objectAlias: db.json
              jmesPath:
                - path: username
                  objectAlias: db-user
                - path: password
                  objectAlias: db-password
                  filePermission: "0600"
            - objectName: shop/tls
              objectType: secretsmanager
              objectAlias: tls.bin
            """);
    for (int n = 1; n <= 11; n++) {
      yaml.append("- objectName: ")
          .append(parameterName(n))
          .append("\n  objectType: ssmparameter\n");
    }
    return yaml.toString();
  }

  /** The file names of {@link #objects()}, sorted. */
  static final java.util.List<String> FILES =
      java.util.stream.Stream.concat(
              java.util.stream.Stream.of("db.json", "db-user", "db-password", "tls.bin"),
              java.util.stream.IntStream.rangeClosed(1, 11)
                  .mapToObj(n -> "_shop_p%02d".formatted(n)))
          .sorted()
          .toList();

  /** The volume of pod {@code shop/web-0} (IRSA, region from the node) on {@code target}. */
  static PodVolume.Builder volume(Path target) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("objects", objects());
    return PodVolume.builder()
        .pod(NAMESPACE, POD, POD_UID)
        .serviceAccount(SERVICE_ACCOUNT)
        .secretProviderClass("shop-secrets", parameters)
        .token(
            CallerIdentity.STS_AUDIENCE,
            Tokens.token(NAMESPACE, SERVICE_ACCOUNT, CallerIdentity.STS_AUDIENCE))
        .token(
            CallerIdentity.POD_IDENTITY_AUDIENCE,
            Tokens.token(NAMESPACE, SERVICE_ACCOUNT, CallerIdentity.POD_IDENTITY_AUDIENCE))
        .targetPath(target);
  }

  /** Creates the service accounts, the pod and the node. */
  static void seedKubernetes(KubeApi kube) {
    kube.node(NODE, NODE_REGION)
        .pod(NAMESPACE, POD, POD_UID, NODE)
        .pod(NAMESPACE, "pi-0", "7d1c2b4a-0000-4000-8000-000000000pi0", NODE)
        .serviceAccount(NAMESPACE, SERVICE_ACCOUNT, ROLE)
        .serviceAccount(NAMESPACE, "pi", null)
        .serviceAccount(NAMESPACE, "norole", null);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

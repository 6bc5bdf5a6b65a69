// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.benchmarks;

import io.ascp.csi.testing.MountCall;
import io.ascp.csi.testing.PodVolume;
import io.ascp.csi.v1alpha1.MountRequest;
import io.ascp.testkit.FakeTokens;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Mount requests as driver v1.6 sends them (the simulator's {@link MountCall}). */
final class Requests {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private Requests() {}

  /** The class's {@code objects}: {@code secrets} secrets, then {@code parameters} parameters. */
  static String objects(int secrets, int parameters) {
    StringBuilder yaml = new StringBuilder();
    for (int i = 1; i <= secrets; i++) {
      yaml.append("- objectName: ")
          .append(secretName(i))
          .append("\n  objectType: secretsmanager\n");
    }
    for (int i = 1; i <= parameters; i++) {
      yaml.append("- objectName: ")
          .append(parameterName(i))
          .append("\n  objectType: ssmparameter\n");
    }
    return yaml.toString();
  }

  static String secretName(int i) {
    return "bench/secret-%02d".formatted(i);
  }

  static String parameterName(int i) {
    return "/bench/param-%02d".formatted(i);
  }

  /** A value of about {@code size} bytes, different for each object. */
  static String value(String name, int size) {
    StringBuilder s = new StringBuilder(name).append(':');
    while (s.length() < size) {
      s.append((char) ('a' + s.length() % 26));
    }
    return s.toString();
  }

  /**
   * The request of pod {@code pod} in namespace {@code bench} with service account {@code
   * serviceAccount}, for the class's {@code objects} in {@code region}; with an IRSA token when
   * {@code withToken}.
   */
  static MountRequest mount(
      String pod, String serviceAccount, String objects, String region, boolean withToken) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("objects", objects);
    parameters.put("region", region);
    PodVolume.Builder volume =
        PodVolume.builder()
            .pod(
                "bench", pod, "00000000-0000-4000-8000-%012d".formatted(SEQUENCE.incrementAndGet()))
            .serviceAccount(serviceAccount)
            .secretProviderClass("bench", parameters)
            .targetPath(Path.of("/tmp/ascp-bench-target", pod));
    if (withToken) {
      // A new token each time: the provider caches credentials per token.
      String jwt = FakeTokens.serviceAccountToken("bench", serviceAccount, "sts.amazonaws.com");
      volume.token(
          "sts.amazonaws.com",
          jwt.substring(0, jwt.lastIndexOf('.')) + ".sig" + SEQUENCE.incrementAndGet());
    }
    MountCall call = MountCall.of(volume.build());
    return MountRequest.newBuilder()
        .setAttributes(call.attributes())
        .setSecrets(call.secrets())
        .setTargetPath(call.targetPath())
        .setPermission(call.permission())
        .build();
  }
}

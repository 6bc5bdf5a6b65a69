// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * The Secrets Store CSI driver provider daemon (gRPC on a Unix socket), its command line, and a CSI
 * driver simulator for tests. Exported: {@code io.ascp.csi} (the entry point) and {@code
 * io.ascp.csi.testing} (the simulator and its JUnit 5 extension); the generated {@code v1alpha1}
 * stubs and the daemon's implementation are not.
 */
@org.jspecify.annotations.NullMarked
module io.ascp.csi.grpc {
  requires static transitive org.jspecify;
  requires transitive io.ascp.api;
  requires io.ascp.core;
  requires io.ascp.aws;
  requires com.google.protobuf;
  requires io.grpc;
  requires io.grpc.stub;
  requires io.grpc.protobuf;
  requires io.grpc.netty.shaded;
  requires io.grpc.services;
  requires com.google.common;
  requires kubernetes.client.api;
  requires kubernetes.model.core;
  requires kubernetes.model.common;
  requires kubernetes.httpclient.jdk;
  requires com.github.benmanes.caffeine;
  requires info.picocli;
  requires org.slf4j;
  requires jul.to.slf4j;
  requires ch.qos.logback.classic;
  requires ch.qos.logback.core;
  requires micrometer.core;
  requires micrometer.registry.prometheus;
  requires jdk.httpserver;
  // Only the JUnit extension of io.ascp.csi.testing needs it, in the user's tests.
  requires static transitive org.junit.jupiter.api;

  exports io.ascp.csi;
  exports io.ascp.csi.testing;

  // picocli fills the option fields reflectively; protobuf reads the generated messages so.
  opens io.ascp.csi.cli to
      info.picocli;
  opens io.ascp.csi.v1alpha1 to
      com.google.protobuf;
}

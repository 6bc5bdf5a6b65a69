// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * The ascp-java testkit: an AWS-faithful in-memory Secrets Manager and Parameter Store, an AWS HTTP
 * emulator, JUnit 5 extensions, AssertJ assertions and the SecretSource contract suite.
 */
@org.jspecify.annotations.NullMarked
module io.ascp.testkit {
  requires static transitive org.jspecify;
  requires transitive io.ascp.api;
  requires transitive org.junit.jupiter.api;
  requires transitive org.assertj.core;
  requires jdk.httpserver;
  requires java.net.http;

  exports io.ascp.testkit;
  exports io.ascp.testkit.junit;
  exports io.ascp.testkit.assertions;
}

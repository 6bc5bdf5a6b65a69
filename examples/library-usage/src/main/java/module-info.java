// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * A JVM tool that keeps the secrets of a {@code SecretProviderClass} in a local directory, fresh,
 * without Kubernetes: ascp-java as a library.
 */
module com.example.reports {
  requires transitive io.ascp.core;
  requires transitive io.ascp.aws;

  exports com.example.reports;
}

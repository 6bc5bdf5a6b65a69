// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * The pure logic of ascp-java: parsing and validating {@code SecretProviderClass} parameters with
 * the reference provider's semantics, the mount pipeline, the in-memory source and the atomic
 * writer. Only {@code io.ascp.core} is exported; everything else is implementation.
 */
@org.jspecify.annotations.NullMarked
module io.ascp.core {
  requires static transitive org.jspecify;
  requires transitive io.ascp.api;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires jmespath.core;
  requires jmespath.jackson;
  requires org.slf4j;
  requires org.yaml.snakeyaml;
  requires com.github.benmanes.caffeine;
  requires io.github.resilience4j.circuitbreaker;

  exports io.ascp.core;
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * The vocabulary of ascp-java: parsed {@code SecretProviderClass} parameters, mounted files and
 * versions, the caller identity, the {@link io.ascp.api.spi.SecretSource} SPI and the error model
 * ({@link io.ascp.api.AscpException}, {@link io.ascp.api.ErrorCode}). Depends on the JDK only.
 */
@org.jspecify.annotations.NullMarked
module io.ascp.api {
  requires static transitive org.jspecify;

  exports io.ascp.api;
  exports io.ascp.api.spi;
}

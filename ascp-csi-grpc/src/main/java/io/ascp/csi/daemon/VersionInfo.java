// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The name and version the daemon reports in the Version RPC and its logs, read from {@code
 * version.properties}, which the build fills in.
 *
 * @param runtimeName our project's name
 * @param runtimeVersion the build's semantic version
 */
public record VersionInfo(String runtimeName, String runtimeVersion) {
  /** The provider API version of the proto: {@code v1alpha1}. */
  public static final String API_VERSION = "v1alpha1";

  private static final VersionInfo CURRENT = load();

  /** The name and version of this build. */
  public static VersionInfo current() {
    return CURRENT;
  }

  private static VersionInfo load() {
    Properties properties = new Properties();
    try (InputStream in = VersionInfo.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new VersionInfo(
        filtered(properties.getProperty("runtime.name"), "ascp-java"),
        filtered(properties.getProperty("runtime.version"), "0.0.0-unknown"));
  }

  /** The value, or the fallback when the build did not fill it in (e.g. in an IDE). */
  private static String filtered(String value, String fallback) {
    return value == null || value.isEmpty() || value.startsWith("${") ? fallback : value;
  }
}

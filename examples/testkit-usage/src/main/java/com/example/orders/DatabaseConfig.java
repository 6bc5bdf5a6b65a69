// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package com.example.orders;

import static java.util.Objects.requireNonNull;

/**
 * The orders service's database settings. {@link #toString()} hides the password.
 *
 * @param url the JDBC URL
 * @param username the database user
 * @param password the database password
 */
public record DatabaseConfig(String url, String username, String password) {
  /** Checks that no setting is missing. */
  public DatabaseConfig {
    requireNonNull(url, "url");
    requireNonNull(username, "username");
    requireNonNull(password, "password");
  }

  @Override
  public String toString() {
    return "DatabaseConfig[url=" + url + ", username=" + username + ", password=***]";
  }
}

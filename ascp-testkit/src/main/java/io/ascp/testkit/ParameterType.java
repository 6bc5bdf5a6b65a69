// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** The type of a Parameter Store parameter. */
public enum ParameterType {
  /** {@code String}: plain text. */
  STRING("String"),
  /** {@code StringList}: comma-separated values, returned as one string. */
  STRING_LIST("StringList"),
  /** {@code SecureString}: encrypted with KMS; readable in clear only with decryption. */
  SECURE_STRING("SecureString");

  private final String awsName;

  ParameterType(String awsName) {
    this.awsName = awsName;
  }

  /** The type's name in the AWS API, e.g. {@code SecureString}. */
  public String awsName() {
    return awsName;
  }

  /** The type named {@code awsName} in the AWS API, if any. */
  public static Optional<ParameterType> fromAwsName(String awsName) {
    requireNonNull(awsName, "awsName");
    for (ParameterType t : values()) {
      if (t.awsName.equals(awsName)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api;

import java.util.Optional;

/** The backend an object is read from, named as in a {@code SecretProviderClass}. */
public enum ObjectType {
  /** AWS Secrets Manager; {@code objectType: secretsmanager}. */
  SECRETS_MANAGER("secretsmanager"),
  /** AWS Systems Manager Parameter Store; {@code objectType: ssmparameter}. */
  SSM_PARAMETER("ssmparameter");

  private final String parameterValue;

  ObjectType(String parameterValue) {
    this.parameterValue = parameterValue;
  }

  /** The value of {@code objectType} that selects this type, e.g. {@code "secretsmanager"}. */
  public String parameterValue() {
    return parameterValue;
  }

  /**
   * The type named by an {@code objectType} value (case-sensitive, as in the reference provider),
   * or empty when the value names no type.
   */
  public static Optional<ObjectType> fromParameterValue(String value) {
    for (ObjectType type : values()) {
      if (type.parameterValue.equals(value)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return parameterValue;
  }
}

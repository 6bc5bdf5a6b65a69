// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** The tier of a Parameter Store parameter, which bounds the size of its value. */
public enum ParameterTier {
  /** {@code Standard}: values up to 4 KiB. */
  STANDARD("Standard", 4096),
  /** {@code Advanced}: values up to 8 KiB. */
  ADVANCED("Advanced", 8192);

  private final String awsName;
  private final int maxValueBytes;

  ParameterTier(String awsName, int maxValueBytes) {
    this.awsName = awsName;
    this.maxValueBytes = maxValueBytes;
  }

  /** The tier's name in the AWS API, e.g. {@code Standard}. */
  public String awsName() {
    return awsName;
  }

  /** The largest value this tier accepts, in bytes. */
  public int maxValueBytes() {
    return maxValueBytes;
  }

  /** The tier named {@code awsName} in the AWS API, if any. */
  public static Optional<ParameterTier> fromAwsName(String awsName) {
    requireNonNull(awsName, "awsName");
    for (ParameterTier t : values()) {
      if (t.awsName.equals(awsName)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}

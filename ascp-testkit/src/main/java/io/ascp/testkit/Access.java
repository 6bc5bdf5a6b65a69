// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

/** Decides whether the caller of an operation may act on one resource; throws when it may not. */
@FunctionalInterface
interface Access {
  /** Everything is allowed: seeding and inspection through the Java API. */
  Access ALLOW_ALL = (op, name, arn) -> {};

  /**
   * Checks that the caller may call {@code operation} on the resource.
   *
   * @param name the resource's name (or the name the caller gave for a missing resource)
   * @param arn the resource's ARN, or the identifier the caller gave for a missing resource
   * @throws AwsException an {@code AccessDeniedException} when the caller may not
   */
  void check(AwsOperation operation, String name, String arn);
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * AssertJ assertions for what ascp-java produces and what the testkit records: {@link
 * io.ascp.api.MountResult}, {@link io.ascp.api.MountedFile} and the {@link
 * io.ascp.testkit.RecordedCall}s of a {@link io.ascp.testkit.FakeAws}. The entry point is {@link
 * io.ascp.testkit.assertions.AscpAssertions}.
 *
 * <p>Failure messages never show file contents: they show lengths, a short SHA-256 fingerprint and
 * the offset of the first differing byte, so that a failing test cannot print a secret into a build
 * log.
 */
@NullMarked
package io.ascp.testkit.assertions;

import org.jspecify.annotations.NullMarked;

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StatusMappingTest {
  @Test
  void theTableOfDesign63() {
    Map<ErrorCode, Status.Code> expected = new EnumMap<>(ErrorCode.class);
    expected.put(ErrorCode.INVALID_PARAMETERS, Status.Code.INVALID_ARGUMENT);
    expected.put(ErrorCode.NOT_FOUND, Status.Code.NOT_FOUND);
    expected.put(ErrorCode.ACCESS_DENIED, Status.Code.PERMISSION_DENIED);
    expected.put(ErrorCode.CREDENTIALS, Status.Code.UNAUTHENTICATED);
    expected.put(ErrorCode.THROTTLED, Status.Code.RESOURCE_EXHAUSTED);
    expected.put(ErrorCode.BACKEND_UNAVAILABLE, Status.Code.UNKNOWN);
    expected.put(ErrorCode.KUBERNETES_LOOKUP, Status.Code.UNKNOWN);
    expected.put(ErrorCode.DECRYPTION_FAILED, Status.Code.FAILED_PRECONDITION);
    expected.put(ErrorCode.EXTRACTION_FAILED, Status.Code.FAILED_PRECONDITION);
    expected.put(ErrorCode.WRITE_FAILED, Status.Code.INTERNAL);
    expected.put(ErrorCode.INTERNAL, Status.Code.INTERNAL);
    assertThat(expected).hasSize(ErrorCode.values().length);
    StatusMapping mapped = new StatusMapping(StatusCodeMode.MAPPED);
    expected.forEach(
        (code, status) -> {
          Status s = mapped.forFailure(new AscpException(code, "message of " + code));
          assertThat(s.getCode()).as("%s", code).isEqualTo(status);
          assertThat(s.getDescription()).isEqualTo("message of " + code);
        });
  }

  @Test
  void unavailableIsNeverAFailureCode() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(StatusMapping.codeFor(code)).isNotEqualTo(Status.Code.UNAVAILABLE);
    }
  }

  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void parityModeIsAlwaysUnknownWithTheSameMessage(ErrorCode code) {
    Status s = new StatusMapping(StatusCodeMode.UNKNOWN).forFailure(new AscpException(code, "m"));
    assertThat(s.getCode()).isEqualTo(Status.Code.UNKNOWN);
    assertThat(s.getDescription()).isEqualTo("m");
  }

  @Test
  void unexpectedFailures() {
    assertThat(new StatusMapping(StatusCodeMode.MAPPED).forUnexpected().getCode())
        .isEqualTo(Status.Code.INTERNAL);
    assertThat(new StatusMapping(StatusCodeMode.UNKNOWN).forUnexpected().getCode())
        .isEqualTo(Status.Code.UNKNOWN);
    assertThat(new StatusMapping(StatusCodeMode.MAPPED).forUnexpected().getDescription())
        .isEqualTo(StatusMapping.INTERNAL_MESSAGE);
  }

  @Test
  void cancelledAndDeadline() {
    Context.CancellableContext cancelled = Context.current().withCancellation();
    cancelled.cancel(null);
    assertThat(StatusMapping.forCancelled(cancelled).getCode()).isEqualTo(Status.Code.CANCELLED);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      Context.CancellableContext expired =
          Context.current().withDeadline(Deadline.after(-1, TimeUnit.SECONDS), scheduler);
      assertThat(StatusMapping.forCancelled(expired).getCode())
          .isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      expired.cancel(null);
    } finally {
      scheduler.shutdownNow();
    }
    assertThat(StatusMapping.forDraining().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
  }
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.testing;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Why a simulated mount failed, as the CSI driver reports it.
 *
 * @param errorType the driver's {@code error_type} metric label: {@code GRPCProviderError} (the
 *     call failed or returned no object versions), {@code FileWriteError} (the driver could not
 *     write the returned files), {@code FailedToMount} (the driver refused the volume before
 *     calling the provider), or the code the provider put in {@code MountResponse.error}
 * @param grpcCode the gRPC status code of a failed call (grpc-java's name, e.g. {@code
 *     INVALID_ARGUMENT}); empty when the call itself succeeded
 * @param detail the provider's status message, or the driver's own text for other failures
 * @param message the error text of the driver's {@code NodePublishVolume}, as it shows in the pod's
 *     {@code FailedMount} event, e.g. {@code failed to mount secrets store objects for pod
 *     shop/web-0, err: rpc error: code = NotFound desc = ...}
 * @param masked whether the driver hides this failure from kubelet (a failed re-mount on driver
 *     v1.6: logged, the old files kept, success returned)
 */
public record MountError(
    String errorType, Optional<String> grpcCode, String detail, String message, boolean masked) {
  /** Checks the components. */
  public MountError {
    requireNonNull(errorType, "errorType");
    requireNonNull(grpcCode, "grpcCode");
    requireNonNull(detail, "detail");
    requireNonNull(message, "message");
  }

  /** This error, marked as masked by the driver. */
  MountError asMasked() {
    return new MountError(errorType, grpcCode, detail, message, true);
  }
}

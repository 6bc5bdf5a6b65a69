// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpListener;
import io.ascp.api.ErrorCode;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Reports every API call of one SDK client as one {@link AscpListener.BackendCall}: the execution
 * as a whole, so that the SDK's retries belong to the one call they retry, with the client's
 * service label and region and the operation the SDK names.
 */
final class BackendCallInterceptor implements ExecutionInterceptor {
  private static final ExecutionAttribute<Long> START = new ExecutionAttribute<>("ascp.callStart");

  private final ListenerGuard events;
  private final String service;
  private final String region;

  BackendCallInterceptor(ListenerGuard events, String service, String region) {
    this.events = requireNonNull(events, "events");
    this.service = requireNonNull(service, "service");
    this.region = requireNonNull(region, "region");
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    attributes.putAttribute(START, System.nanoTime());
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    report(attributes, Optional.empty());
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    report(attributes, Optional.of(AwsErrors.classify(context.exception())));
  }

  private void report(ExecutionAttributes attributes, Optional<ErrorCode> error) {
    Long start = attributes.getAttribute(START);
    Duration duration =
        start == null ? Duration.ZERO : Duration.ofNanos(Math.max(0, System.nanoTime() - start));
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    AscpListener.BackendCall call =
        new AscpListener.BackendCall(
            service,
            operation == null ? "unknown" : operation,
            Optional.of(region),
            error,
            duration);
    events.emit(l -> l.backendCall(call));
  }
}

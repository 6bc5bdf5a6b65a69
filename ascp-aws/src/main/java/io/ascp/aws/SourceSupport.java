// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpException;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.ObjectType;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.ObjectRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** What both sources share: their collaborators and the message rules of DESIGN §6.3. */
final class SourceSupport {
  final AwsClients clients;
  final CallerCredentials credentials;
  final Executor executor;
  final int parallelism;
  private final BooleanSupplier closed;

  SourceSupport(
      AwsClients clients,
      CallerCredentials credentials,
      Executor executor,
      int parallelism,
      BooleanSupplier closed) {
    this.clients = requireNonNull(clients, "clients");
    this.credentials = requireNonNull(credentials, "credentials");
    this.executor = requireNonNull(executor, "executor");
    this.parallelism = parallelism;
    this.closed = requireNonNull(closed, "closed");
  }

  /** Rejects a batch of the wrong type and use after close. */
  void check(FetchBatch batch, ObjectType expected) {
    if (batch.type() != expected) {
      throw new IllegalArgumentException(
          "this source reads " + expected + " objects, got a batch of " + batch.type());
    }
    checkOpen();
  }

  void checkOpen() {
    if (closed.getAsBoolean()) {
      throw new IllegalStateException("the AWS sources are closed");
    }
  }

  /** Runs {@code task} for every item with the configured parallelism. */
  <T, R> List<R> parallel(List<T> items, Function<? super T, ? extends R> task, String region) {
    try {
      return ParallelFetch.map(executor, parallelism, items, task);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AscpException(ErrorCode.INTERNAL, region + ": interrupted while fetching", e);
    }
  }

  /**
   * An error for one object: {@code <prefix><cause>} with the code of the cause; for access denied,
   * the caller is named too, so that the user sees which role or service account lacks the
   * permission.
   */
  static AscpException error(String prefix, Throwable cause, CallerIdentity identity) {
    ErrorCode code = AwsErrors.classify(cause);
    String message = prefix + AwsErrors.describe(cause, Redactor.of(identity));
    if (code == ErrorCode.ACCESS_DENIED) {
      message += " (caller: " + caller(identity) + ")";
    }
    return new AscpException(code, message, cause);
  }

  /** Who made a call, for messages: mode, role, namespace and service account, never a token. */
  static String caller(CallerIdentity identity) {
    return switch (identity.authMode()) {
      case IRSA ->
          "IRSA role "
              + identity.roleArn().orElse("<none>")
              + " for service account "
              + identity.namespace()
              + "/"
              + identity.serviceAccount();
      case POD_IDENTITY ->
          "EKS Pod Identity for service account "
              + identity.namespace()
              + "/"
              + identity.serviceAccount();
      case DEFAULT_CHAIN -> "the default credentials provider chain";
    };
  }

  /** The distinct objects of a batch, in first-seen order. */
  static List<ObjectRequest> distinct(List<ObjectRequest> objects) {
    return new ArrayList<>(new LinkedHashSet<>(objects));
  }

  /** One failure per object. */
  static List<FetchResult> failAll(
      List<ObjectRequest> objects, Function<ObjectRequest, AscpException> error) {
    List<FetchResult> out = new ArrayList<>(objects.size());
    for (ObjectRequest o : objects) {
      out.add(FetchResult.failed(o, error.apply(o)));
    }
    return out;
  }
}

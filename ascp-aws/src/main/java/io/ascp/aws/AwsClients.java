// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The AWS SDK clients of one {@link AwsSources}: one Secrets Manager, one SSM and one STS client
 * per region, built on first use and reused for every call and every caller until {@link #close()}.
 *
 * <p>Credentials are not part of a client: every call passes its caller's credentials as a
 * request-level override. A client's own credentials provider refuses to provide any, so a call
 * that forgot the override fails instead of running with the process's identity. The STS client is
 * anonymous ({@code AssumeRoleWithWebIdentity} is unsigned).
 *
 * <p>Every client shares one sync HTTP client (and its connection pool). Endpoints come from the
 * configuration when set there, else from the SDK's own resolution, which honours {@code
 * AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_<SERVICE>}, {@code AWS_USE_FIPS_ENDPOINT} and the
 * shared config file. Retries: the SDK's standard mode (3 attempts, jittered exponential backoff)
 * unless the user chose a mode ({@code AWS_RETRY_MODE}, {@code aws.retryMode} or {@code retry_mode}
 * in the shared config file), which then applies unchanged; a user's {@code AWS_MAX_ATTEMPTS}
 * ({@code aws.maxAttempts}, {@code max_attempts}) applies to either. Without a chosen mode the SDK
 * itself would fall back to its legacy mode, so setting only {@code AWS_MAX_ATTEMPTS} must not drop
 * our standard default.
 *
 * <p>Owns the SDK clients it builds; owns the HTTP client only when told so.
 */
final class AwsClients implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AwsClients.class);

  /** A client-level provider that never provides: every call must bring its own credentials. */
  static final AwsCredentialsProvider NO_CLIENT_CREDENTIALS =
      () -> {
        throw SdkClientException.create(
            "no request-level credentials were set for this call (a bug in ascp-aws)");
      };

  /** The service label of Secrets Manager calls in {@link io.ascp.api.AscpListener} events. */
  static final String SERVICE_SECRETS_MANAGER = "secretsmanager";

  /** The service label of Parameter Store calls. */
  static final String SERVICE_SSM = "ssm";

  /** The service label of STS calls (IRSA). */
  static final String SERVICE_STS = "sts";

  private final AwsSourcesConfig config;
  private final SdkHttpClient http;
  private final boolean ownsHttp;
  private final RetryMode retryMode;
  private final ListenerGuard events;
  private final Map<String, SecretsManagerClient> secretsManager = new ConcurrentHashMap<>();
  private final Map<String, SsmClient> ssm = new ConcurrentHashMap<>();
  private final Map<String, StsClient> sts = new ConcurrentHashMap<>();
  private volatile boolean closed;

  AwsClients(AwsSourcesConfig config, SdkHttpClient http, boolean ownsHttp) {
    this(config, http, ownsHttp, ListenerGuard.NONE);
  }

  /**
   * Creates the clients' factory.
   *
   * @param events receives one {@link io.ascp.api.AscpListener.BackendCall} per API call
   */
  AwsClients(AwsSourcesConfig config, SdkHttpClient http, boolean ownsHttp, ListenerGuard events) {
    this.events = requireNonNull(events, "events");
    this.config = requireNonNull(config, "config");
    this.http = requireNonNull(http, "http");
    this.ownsHttp = ownsHttp;
    this.retryMode = RetryMode.resolver().defaultRetryMode(RetryMode.STANDARD).resolve();
  }

  /** The Secrets Manager client of {@code region}. */
  SecretsManagerClient secretsManager(String region) {
    return client(
        secretsManager,
        region,
        r ->
            configure(
                    SecretsManagerClient.builder(),
                    r,
                    config.secretsManagerEndpoint(),
                    SERVICE_SECRETS_MANAGER)
                .credentialsProvider(NO_CLIENT_CREDENTIALS)
                .build());
  }

  /** The SSM client of {@code region}. */
  SsmClient ssm(String region) {
    return client(
        ssm,
        region,
        r ->
            configure(SsmClient.builder(), r, config.ssmEndpoint(), SERVICE_SSM)
                .credentialsProvider(NO_CLIENT_CREDENTIALS)
                .build());
  }

  /** The STS client of {@code region} (regional endpoint), anonymous. */
  StsClient sts(String region) {
    return client(
        sts,
        region,
        r ->
            configure(StsClient.builder(), r, config.stsEndpoint(), SERVICE_STS)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build());
  }

  private <C extends SdkAutoCloseable> C client(
      Map<String, C> clients, String region, Function<String, C> factory) {
    if (closed) {
      throw new IllegalStateException("the AWS sources are closed");
    }
    C client = clients.computeIfAbsent(region, factory);
    if (closed) {
      // close() ran concurrently and may have missed this client.
      client.close();
      throw new IllegalStateException("the AWS sources are closed");
    }
    return client;
  }

  private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
      B builder, String region, java.util.Optional<java.net.URI> endpoint, String service) {
    builder.region(Region.of(region)).httpClient(http);
    endpoint.ifPresent(builder::endpointOverride);
    ClientOverrideConfiguration.Builder override =
        ClientOverrideConfiguration.builder().appId(config.appId()).retryStrategy(retryMode);
    if (events.enabled()) {
      override.addExecutionInterceptor(new BackendCallInterceptor(events, service, region));
    }
    return builder.overrideConfiguration(override.build());
  }

  /** The retry mode of every client: the user's, else standard. */
  RetryMode retryMode() {
    return retryMode;
  }

  /** Closes every client built, and the HTTP client when owned. Idempotent. */
  @Override
  public void close() {
    closed = true;
    List<SdkAutoCloseable> all = new ArrayList<>();
    all.addAll(secretsManager.values());
    all.addAll(ssm.values());
    all.addAll(sts.values());
    secretsManager.clear();
    ssm.clear();
    sts.clear();
    for (SdkAutoCloseable c : all) {
      try {
        c.close();
      } catch (RuntimeException e) {
        log.warn("Closing an AWS client failed", e);
      }
    }
    if (ownsHttp) {
      http.close();
    }
  }
}

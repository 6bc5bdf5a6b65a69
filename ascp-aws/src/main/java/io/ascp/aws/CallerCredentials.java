// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpException;
import io.ascp.api.AscpListener;
import io.ascp.api.AuthMode;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.ServiceAccountToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Turns a {@link CallerIdentity} into the credentials of its AWS calls in one region.
 *
 * <ul>
 *   <li>IRSA: the {@code sts.amazonaws.com} token and the identity's role go to STS {@code
 *       AssumeRoleWithWebIdentity} in the call's region, with a {@linkplain SessionNames session
 *       name} that names the workload.
 *   <li>Pod Identity: the {@code pods.eks.amazonaws.com} token goes to the {@linkplain
 *       PodIdentityAgent agent}.
 *   <li>Default chain: the configured provider (the SDK default chain unless the user gave one).
 * </ul>
 *
 * <p>Temporary credentials are cached per identity and token (DESIGN §6.8): a request is served
 * from the cache only with the same token that was exchanged, and only while that token is
 * unexpired, so a cache hit never accepts a token that STS or the agent did not. An identity
 * without namespace and service account (or, for Pod Identity, without a pod uid) is never cached.
 *
 * <p>Every lookup is reported as one {@link AscpListener.CredentialsLookup}: a cache hit, or an
 * exchange made by this lookup.
 */
final class CallerCredentials {
  private static final Logger log = LoggerFactory.getLogger(CallerCredentials.class);

  private final AwsClients clients;
  private final PodIdentityAgent agent;
  private final AwsCredentialsProvider defaultProvider;
  private final CredentialCache cache;
  private final Clock clock;
  private final ListenerGuard events;

  CallerCredentials(
      AwsClients clients,
      PodIdentityAgent agent,
      AwsCredentialsProvider defaultProvider,
      CredentialCache cache,
      Clock clock) {
    this(clients, agent, defaultProvider, cache, clock, ListenerGuard.NONE);
  }

  CallerCredentials(
      AwsClients clients,
      PodIdentityAgent agent,
      AwsCredentialsProvider defaultProvider,
      CredentialCache cache,
      Clock clock,
      ListenerGuard events) {
    this.events = requireNonNull(events, "events");
    this.clients = requireNonNull(clients, "clients");
    this.agent = requireNonNull(agent, "agent");
    this.defaultProvider = requireNonNull(defaultProvider, "defaultProvider");
    this.cache = requireNonNull(cache, "cache");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * The credentials of {@code identity}'s calls in {@code region}, as a request-level provider.
   *
   * @throws AscpException when they cannot be obtained; the message never contains a token
   */
  AwsCredentialsProvider provider(CallerIdentity identity, String region) {
    long start = System.nanoTime();
    AtomicBoolean exchanged = new AtomicBoolean(identity.authMode() == AuthMode.DEFAULT_CHAIN);
    try {
      AwsCredentialsProvider provider =
          switch (identity.authMode()) {
            case IRSA -> irsa(identity, region, exchanged).provider();
            case POD_IDENTITY -> podIdentity(identity, exchanged).provider();
            case DEFAULT_CHAIN -> defaultChain();
          };
      looked(identity.authMode(), region, exchanged, start, Optional.empty());
      return provider;
    } catch (AscpException e) {
      looked(identity.authMode(), region, exchanged, start, Optional.of(e.code()));
      throw e;
    } catch (RuntimeException e) {
      looked(identity.authMode(), region, exchanged, start, Optional.of(ErrorCode.INTERNAL));
      throw e;
    }
  }

  private void looked(
      AuthMode mode,
      String region,
      AtomicBoolean exchanged,
      long start,
      Optional<ErrorCode> error) {
    if (events.enabled()) {
      AscpListener.CredentialsLookup lookup =
          new AscpListener.CredentialsLookup(
              mode,
              region,
              mode != AuthMode.DEFAULT_CHAIN && !exchanged.get(),
              error,
              Duration.ofNanos(Math.max(0, System.nanoTime() - start)));
      events.emit(l -> l.credentialsLookup(lookup));
    }
  }

  private AwsCredentialsProvider defaultChain() {
    AwsCredentials resolved;
    try {
      resolved = defaultProvider.resolveCredentials();
    } catch (RuntimeException e) {
      throw new AscpException(
          ErrorCode.CREDENTIALS,
          "failed to get credentials from the default provider chain: "
              + AwsErrors.describe(e, Redactor.NONE),
          e);
    }
    return StaticCredentialsProvider.create(resolved);
  }

  private TemporaryCredentials irsa(
      CallerIdentity identity, String region, AtomicBoolean exchanged) {
    ServiceAccountToken token =
        token(identity, CallerIdentity.STS_AUDIENCE, "IRSA token extraction failed: ");
    String roleArn =
        identity
            .roleArn()
            .orElseThrow(
                () ->
                    new AscpException(
                        ErrorCode.CREDENTIALS,
                        "An IAM role must be associated with service account "
                            + identity.serviceAccount()
                            + " (namespace: "
                            + identity.namespace()
                            + ")"));
    boolean cacheable = !identity.namespace().isEmpty() && !identity.serviceAccount().isEmpty();
    CredentialCache.Key key =
        new CredentialCache.Key(
            identity.authMode(),
            region,
            roleArn,
            identity.namespace(),
            identity.serviceAccount(),
            "",
            SessionNames.sha256Hex(token.token()));
    return load(
        key, cacheable, token, exchanged, () -> assumeRole(identity, region, roleArn, token));
  }

  private TemporaryCredentials podIdentity(CallerIdentity identity, AtomicBoolean exchanged) {
    ServiceAccountToken token =
        token(
            identity,
            CallerIdentity.POD_IDENTITY_AUDIENCE,
            "Pod Identity token extraction failed: ");
    boolean cacheable =
        !identity.namespace().isEmpty()
            && !identity.serviceAccount().isEmpty()
            && !identity.podUid().isEmpty();
    CredentialCache.Key key =
        new CredentialCache.Key(
            identity.authMode(),
            "",
            "",
            identity.namespace(),
            identity.serviceAccount(),
            identity.podUid(),
            SessionNames.sha256Hex(token.token()));
    return load(
        key,
        cacheable,
        token,
        exchanged,
        () -> agent.fetch(token.token(), identity.preferredAddressType()));
  }

  private TemporaryCredentials load(
      CredentialCache.Key key,
      boolean cacheable,
      ServiceAccountToken token,
      AtomicBoolean exchanged,
      Supplier<TemporaryCredentials> exchange) {
    // The cache runs the loader on this thread: it ran exactly when this lookup exchanged.
    Supplier<TemporaryCredentials> marked =
        () -> {
          exchanged.set(true);
          return exchange.get();
        };
    if (!cacheable) {
      return marked.get();
    }
    Optional<Instant> tokenExpiry = TokenExpiry.of(token);
    boolean tokenUnexpired = tokenExpiry.map(clock.instant()::isBefore).orElse(false);
    return cache.get(key, tokenUnexpired, marked);
  }

  private TemporaryCredentials assumeRole(
      CallerIdentity identity, String region, String roleArn, ServiceAccountToken token) {
    String sessionName = SessionNames.of(identity);
    AssumeRoleWithWebIdentityResponse response;
    try {
      response =
          clients
              .sts(region)
              .assumeRoleWithWebIdentity(
                  b ->
                      b.roleArn(roleArn)
                          .roleSessionName(sessionName)
                          .webIdentityToken(token.token()));
    } catch (RuntimeException e) {
      ErrorCode code = AwsErrors.classify(e);
      if (code != ErrorCode.THROTTLED
          && code != ErrorCode.BACKEND_UNAVAILABLE
          && code != ErrorCode.INTERNAL) {
        code = ErrorCode.CREDENTIALS;
      }
      throw new AscpException(
          code,
          "failed to assume role "
              + roleArn
              + " with web identity: "
              + AwsErrors.describe(e, Redactor.of(identity)),
          e);
    }
    Credentials c = response.credentials();
    if (c == null
        || c.accessKeyId() == null
        || c.secretAccessKey() == null
        || c.sessionToken() == null) {
      throw new AscpException(
          ErrorCode.CREDENTIALS,
          "failed to assume role " + roleArn + " with web identity: STS returned no credentials");
    }
    log.debug(
        "Assumed role {} as session {} in {} until {}",
        roleArn,
        sessionName,
        region,
        c.expiration());
    return new TemporaryCredentials(
        c.accessKeyId(),
        c.secretAccessKey(),
        c.sessionToken(),
        Optional.ofNullable(c.expiration()));
  }

  private static ServiceAccountToken token(
      CallerIdentity identity, String audience, String prefix) {
    ServiceAccountToken token =
        identity
            .token(audience)
            .orElseThrow(
                () ->
                    new AscpException(
                        ErrorCode.CREDENTIALS,
                        prefix
                            + "token for audience \""
                            + audience
                            + "\" not found - ensure tokenRequests includes this audience in"
                            + " CSIDriver"));
    if (token.token().isEmpty()) {
      throw new AscpException(
          ErrorCode.CREDENTIALS, prefix + "token for audience \"" + audience + "\" is empty");
    }
    return token;
  }
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The configuration of {@link AwsSources}: how the AWS SDK clients are built, how many objects of a
 * batch are fetched at once, where credentials come from and how long they are kept.
 *
 * <p>An immutable value; build it with {@link #builder()}, start from {@link #defaults()}, or
 * change one with {@link #toBuilder()}. Every builder method checks its argument at once.
 *
 * <p>Settings the AWS SDK reads from the environment (region-independent ones such as {@code
 * AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}, {@code AWS_ENDPOINT_URL_SSM}, {@code
 * AWS_ENDPOINT_URL_STS}, {@code AWS_USE_FIPS_ENDPOINT}, {@code AWS_MAX_ATTEMPTS}, {@code
 * AWS_RETRY_MODE}, proxies) still apply; an endpoint set here wins over them. The Java SDK does not
 * read {@code AWS_CA_BUNDLE}: use {@link Builder#caBundle(Path)} or the JVM trust store.
 *
 * @param runtimeName the first part of the User-Agent app id, e.g. {@code ascp-java}
 * @param runtimeVersion the version part of the app id when no EKS add-on version is set
 * @param eksAddonVersion replaces {@code runtimeVersion} in the app id ({@code
 *     --eks-addon-version})
 * @param fetchParallelism how many objects of one Secrets Manager batch (or how many {@code
 *     GetParameters} calls of one Parameter Store batch) are fetched at once
 * @param maxConnections the size of the HTTP connection pool, at least {@code fetchParallelism}
 * @param connectTimeout the TCP connect timeout of AWS calls
 * @param readTimeout the socket read timeout of AWS calls
 * @param batchGetSecretValue whether Secrets Manager objects without a pinned version or stage are
 *     read with {@code BatchGetSecretValue} (needs {@code secretsmanager:BatchGetSecretValue}; each
 *     id that fails there is read again with {@code GetSecretValue})
 * @param secretsManagerEndpoint the Secrets Manager endpoint, overriding the SDK's resolution
 * @param ssmEndpoint the Parameter Store endpoint, overriding the SDK's resolution
 * @param stsEndpoint the STS endpoint used for IRSA, overriding the SDK's resolution
 * @param podIdentityAgentUrls the EKS Pod Identity agent URLs, tried in order; empty means the
 *     default: {@code ASCP_POD_IDENTITY_AGENT_URL} when set, else {@link
 *     #POD_IDENTITY_AGENT_IPV4_URL} then {@link #POD_IDENTITY_AGENT_IPV6_URL}
 * @param podIdentityTimeout the connect and response timeout of one Pod Identity agent call
 * @param caBundle a PEM file of CA certificates trusted in addition to the JVM's trust store
 * @param credentialsRefreshMargin how long before their expiry cached temporary credentials are
 *     replaced
 * @param credentialsCacheSize the most identities whose temporary credentials are kept
 */
public record AwsSourcesConfig(
    String runtimeName,
    String runtimeVersion,
    Optional<String> eksAddonVersion,
    int fetchParallelism,
    int maxConnections,
    Duration connectTimeout,
    Duration readTimeout,
    boolean batchGetSecretValue,
    Optional<URI> secretsManagerEndpoint,
    Optional<URI> ssmEndpoint,
    Optional<URI> stsEndpoint,
    List<URI> podIdentityAgentUrls,
    Duration podIdentityTimeout,
    Optional<Path> caBundle,
    Duration credentialsRefreshMargin,
    int credentialsCacheSize) {

  /** The default first part of the app id. */
  public static final String DEFAULT_RUNTIME_NAME = "ascp-java";

  /** The IPv4 address of the EKS Pod Identity agent's credentials endpoint. */
  public static final URI POD_IDENTITY_AGENT_IPV4_URL =
      URI.create("http://169.254.170.23/v1/credentials");

  /** The IPv6 address of the EKS Pod Identity agent's credentials endpoint. */
  public static final URI POD_IDENTITY_AGENT_IPV6_URL =
      URI.create("http://[fd00:ec2::23]/v1/credentials");

  /** The environment variable that overrides the Pod Identity agent URL (DESIGN §6.5). */
  public static final String POD_IDENTITY_AGENT_URL_ENV = "ASCP_POD_IDENTITY_AGENT_URL";

  static final int MAX_PARALLELISM = 256;
  static final int MAX_TOKEN_LENGTH = 128;

  /** Checks every component and copies the list; see the builder methods for the rules. */
  public AwsSourcesConfig {
    requireToken(runtimeName, "runtimeName");
    requireToken(runtimeVersion, "runtimeVersion");
    requireNonNull(eksAddonVersion, "eksAddonVersion")
        .ifPresent(v -> requireToken(v, "eksAddonVersion"));
    requireRange(fetchParallelism, 1, MAX_PARALLELISM, "fetchParallelism");
    if (maxConnections < fetchParallelism) {
      throw new IllegalArgumentException(
          "maxConnections ("
              + maxConnections
              + ") must be at least fetchParallelism ("
              + fetchParallelism
              + ")");
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(readTimeout, "readTimeout");
    requireNonNull(secretsManagerEndpoint, "secretsManagerEndpoint")
        .ifPresent(AwsSourcesConfig::requireHttpUri);
    requireNonNull(ssmEndpoint, "ssmEndpoint").ifPresent(AwsSourcesConfig::requireHttpUri);
    requireNonNull(stsEndpoint, "stsEndpoint").ifPresent(AwsSourcesConfig::requireHttpUri);
    podIdentityAgentUrls = List.copyOf(podIdentityAgentUrls);
    podIdentityAgentUrls.forEach(AwsSourcesConfig::requireHttpUri);
    requirePositive(podIdentityTimeout, "podIdentityTimeout");
    requireNonNull(caBundle, "caBundle");
    requireNonNull(credentialsRefreshMargin, "credentialsRefreshMargin");
    if (credentialsRefreshMargin.isNegative()) {
      throw new IllegalArgumentException(
          "credentialsRefreshMargin must not be negative, got " + credentialsRefreshMargin);
    }
    requireRange(credentialsCacheSize, 1, Integer.MAX_VALUE, "credentialsCacheSize");
  }

  /** The default configuration. */
  public static AwsSourcesConfig defaults() {
    return builder().build();
  }

  /** A builder that starts from the {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder initialised with this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.runtimeName = runtimeName;
    b.runtimeVersion = runtimeVersion;
    b.eksAddonVersion = eksAddonVersion;
    b.fetchParallelism = fetchParallelism;
    b.maxConnections = Optional.of(maxConnections);
    b.connectTimeout = connectTimeout;
    b.readTimeout = readTimeout;
    b.batchGetSecretValue = batchGetSecretValue;
    b.secretsManagerEndpoint = secretsManagerEndpoint;
    b.ssmEndpoint = ssmEndpoint;
    b.stsEndpoint = stsEndpoint;
    b.podIdentityAgentUrls = new ArrayList<>(podIdentityAgentUrls);
    b.podIdentityTimeout = podIdentityTimeout;
    b.caBundle = caBundle;
    b.credentialsRefreshMargin = credentialsRefreshMargin;
    b.credentialsCacheSize = credentialsCacheSize;
    return b;
  }

  /**
   * The app id the AWS SDK adds to the User-Agent of every call ({@code app/<id>}): {@code
   * <runtimeName>-<eksAddonVersion>} when an add-on version is set, else {@code
   * <runtimeName>-<runtimeVersion>}.
   */
  public String appId() {
    return runtimeName + "-" + eksAddonVersion.orElse(runtimeVersion);
  }

  /** The version of this artifact, as the default {@code runtimeVersion}. */
  static String artifactVersion() {
    try (InputStream in = AwsSourcesConfig.class.getResourceAsStream("ascp-aws.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.isEmpty() || v.startsWith("$") ? "unknown" : v;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireToken(String value, String what) {
    requireNonNull(value, what);
    if (value.isEmpty() || value.length() > MAX_TOKEN_LENGTH) {
      throw new IllegalArgumentException(
          what + " must have 1 to " + MAX_TOKEN_LENGTH + " characters, got " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        throw new IllegalArgumentException(
            what
                + " must be printable ASCII without spaces, got '"
                + value
                + "' (character at index "
                + i
                + ")");
      }
    }
  }

  private static void requireRange(int value, int min, int max, String what) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          what + " must be within " + min + " and " + max + ", got " + value);
    }
  }

  private static void requirePositive(Duration d, String what) {
    requireNonNull(d, what);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
  }

  private static void requireHttpUri(URI uri) {
    requireNonNull(uri, "uri");
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "an absolute http(s) URI with a host is needed, got " + uri);
    }
  }

  /** A validating builder of {@link AwsSourcesConfig}. */
  public static final class Builder {
    private String runtimeName = DEFAULT_RUNTIME_NAME;
    private String runtimeVersion = artifactVersion();
    private Optional<String> eksAddonVersion = Optional.empty();
    private int fetchParallelism = 8;
    private Optional<Integer> maxConnections = Optional.empty();
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration readTimeout = Duration.ofSeconds(30);
    private boolean batchGetSecretValue;
    private Optional<URI> secretsManagerEndpoint = Optional.empty();
    private Optional<URI> ssmEndpoint = Optional.empty();
    private Optional<URI> stsEndpoint = Optional.empty();
    private List<URI> podIdentityAgentUrls = new ArrayList<>();
    private Duration podIdentityTimeout = Duration.ofSeconds(5);
    private Optional<Path> caBundle = Optional.empty();
    private Duration credentialsRefreshMargin = Duration.ofMinutes(5);
    private int credentialsCacheSize = 10_000;

    private Builder() {}

    /** Sets the first part of the app id (default {@value #DEFAULT_RUNTIME_NAME}). */
    public Builder runtimeName(String runtimeName) {
      requireToken(runtimeName, "runtimeName");
      this.runtimeName = runtimeName;
      return this;
    }

    /** Sets the version part of the app id (default: this artifact's version). */
    public Builder runtimeVersion(String runtimeVersion) {
      requireToken(runtimeVersion, "runtimeVersion");
      this.runtimeVersion = runtimeVersion;
      return this;
    }

    /**
     * Sets the EKS add-on version that replaces the runtime version in the app id ({@code
     * --eks-addon-version}).
     */
    public Builder eksAddonVersion(String eksAddonVersion) {
      requireToken(eksAddonVersion, "eksAddonVersion");
      this.eksAddonVersion = Optional.of(eksAddonVersion);
      return this;
    }

    /**
     * Sets how many objects of one batch are fetched at once, 1 to 256 (default 8). Raising it
     * above the connection pool size also raises the pool size unless that was set explicitly.
     */
    public Builder fetchParallelism(int fetchParallelism) {
      requireRange(fetchParallelism, 1, MAX_PARALLELISM, "fetchParallelism");
      maxConnections.ifPresent(
          max -> {
            if (max < fetchParallelism) {
              throw new IllegalArgumentException(
                  "fetchParallelism ("
                      + fetchParallelism
                      + ") must not exceed maxConnections ("
                      + max
                      + ")");
            }
          });
      this.fetchParallelism = fetchParallelism;
      return this;
    }

    /**
     * Sets the HTTP connection pool size (default: the larger of 50 and {@code fetchParallelism});
     * must be at least the fetch parallelism.
     */
    public Builder maxConnections(int maxConnections) {
      requireRange(maxConnections, 1, 10_000, "maxConnections");
      if (maxConnections < fetchParallelism) {
        throw new IllegalArgumentException(
            "maxConnections ("
                + maxConnections
                + ") must be at least fetchParallelism ("
                + fetchParallelism
                + ")");
      }
      this.maxConnections = Optional.of(maxConnections);
      return this;
    }

    /** Sets the TCP connect timeout of AWS calls (default 2 s). */
    public Builder connectTimeout(Duration connectTimeout) {
      requirePositive(connectTimeout, "connectTimeout");
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** Sets the socket read timeout of AWS calls (default 30 s). */
    public Builder readTimeout(Duration readTimeout) {
      requirePositive(readTimeout, "readTimeout");
      this.readTimeout = readTimeout;
      return this;
    }

    /**
     * Reads Secrets Manager objects that pin no version with {@code BatchGetSecretValue} (default
     * off: it needs the extra {@code secretsmanager:BatchGetSecretValue} permission and has its own
     * quota).
     */
    public Builder batchGetSecretValue(boolean batchGetSecretValue) {
      this.batchGetSecretValue = batchGetSecretValue;
      return this;
    }

    /** Sets the Secrets Manager endpoint. */
    public Builder secretsManagerEndpoint(URI endpoint) {
      requireHttpUri(endpoint);
      this.secretsManagerEndpoint = Optional.of(endpoint);
      return this;
    }

    /** Sets the Parameter Store endpoint. */
    public Builder ssmEndpoint(URI endpoint) {
      requireHttpUri(endpoint);
      this.ssmEndpoint = Optional.of(endpoint);
      return this;
    }

    /** Sets the STS endpoint used for IRSA. */
    public Builder stsEndpoint(URI endpoint) {
      requireHttpUri(endpoint);
      this.stsEndpoint = Optional.of(endpoint);
      return this;
    }

    /** Sets one endpoint for Secrets Manager, Parameter Store and STS (an emulator, typically). */
    public Builder endpoint(URI endpoint) {
      requireHttpUri(endpoint);
      return secretsManagerEndpoint(endpoint).ssmEndpoint(endpoint).stsEndpoint(endpoint);
    }

    /**
     * Sets the Pod Identity agent URLs, tried in order for {@link
     * io.ascp.api.AddressPreference#AUTO}; IPv4 or IPv6 preferences keep only the URLs of that
     * family (URLs with a host name count as both). An empty list restores the default.
     */
    public Builder podIdentityAgentUrls(List<URI> urls) {
      List<URI> copy = List.copyOf(urls);
      copy.forEach(AwsSourcesConfig::requireHttpUri);
      this.podIdentityAgentUrls = new ArrayList<>(copy);
      return this;
    }

    /** Sets the timeout of one Pod Identity agent call (default 5 s). */
    public Builder podIdentityTimeout(Duration podIdentityTimeout) {
      requirePositive(podIdentityTimeout, "podIdentityTimeout");
      this.podIdentityTimeout = podIdentityTimeout;
      return this;
    }

    /**
     * Trusts the CA certificates of a PEM file in addition to the JVM's trust store, for AWS calls
     * through a TLS-inspecting proxy or to a private endpoint. The file is read when {@link
     * AwsSources} is built.
     */
    public Builder caBundle(Path pemFile) {
      this.caBundle = Optional.of(requireNonNull(pemFile, "pemFile"));
      return this;
    }

    /**
     * Sets how long before their expiry cached temporary credentials are replaced (default 5
     * minutes).
     */
    public Builder credentialsRefreshMargin(Duration margin) {
      requireNonNull(margin, "margin");
      if (margin.isNegative()) {
        throw new IllegalArgumentException(
            "credentialsRefreshMargin must not be negative, got " + margin);
      }
      this.credentialsRefreshMargin = margin;
      return this;
    }

    /** Sets the most identities whose temporary credentials are cached (default 10000). */
    public Builder credentialsCacheSize(int size) {
      requireRange(size, 1, Integer.MAX_VALUE, "credentialsCacheSize");
      this.credentialsCacheSize = size;
      return this;
    }

    /** Builds the configuration. */
    public AwsSourcesConfig build() {
      return new AwsSourcesConfig(
          runtimeName,
          runtimeVersion,
          eksAddonVersion,
          fetchParallelism,
          maxConnections.orElse(Math.max(50, fetchParallelism)),
          connectTimeout,
          readTimeout,
          batchGetSecretValue,
          secretsManagerEndpoint,
          ssmEndpoint,
          stsEndpoint,
          podIdentityAgentUrls,
          podIdentityTimeout,
          caBundle,
          credentialsRefreshMargin,
          credentialsCacheSize);
    }
  }
}

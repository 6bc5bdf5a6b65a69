// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Who a mount acts for: the pod and its service account, the tokens the CSI driver passed for it,
 * and how they become AWS credentials. {@link #toString()} lists the token audiences, never the
 * tokens.
 *
 * <p>Library users outside Kubernetes usually need only {@link #defaultChain()}.
 *
 * @param namespace the pod's namespace ({@code csi.storage.k8s.io/pod.namespace}), may be empty
 * @param serviceAccount the pod's service account ({@code csi.storage.k8s.io/serviceAccount.name})
 * @param podName the pod's name ({@code csi.storage.k8s.io/pod.name})
 * @param podUid the pod's uid ({@code csi.storage.k8s.io/pod.uid})
 * @param tokens service-account tokens by audience
 * @param authMode how the tokens become AWS credentials
 * @param roleArn the IAM role to assume ({@link AuthMode#IRSA}), if known
 * @param preferredAddressType the Pod Identity agent address family ({@link AuthMode#POD_IDENTITY})
 */
public record CallerIdentity(
    String namespace,
    String serviceAccount,
    String podName,
    String podUid,
    Map<String, ServiceAccountToken> tokens,
    AuthMode authMode,
    Optional<String> roleArn,
    AddressPreference preferredAddressType) {

  /** The audience of the token exchanged with STS for IRSA. */
  public static final String STS_AUDIENCE = "sts.amazonaws.com";

  /** The audience of the token exchanged with the EKS Pod Identity agent. */
  public static final String POD_IDENTITY_AUDIENCE = "pods.eks.amazonaws.com";

  /** Checks the components and copies the token map. */
  public CallerIdentity {
    requireNonNull(namespace, "namespace");
    requireNonNull(serviceAccount, "serviceAccount");
    requireNonNull(podName, "podName");
    requireNonNull(podUid, "podUid");
    tokens = Map.copyOf(tokens);
    requireNonNull(authMode, "authMode");
    requireNonNull(roleArn, "roleArn");
    requireNonNull(preferredAddressType, "preferredAddressType");
  }

  /** The identity of the process itself: the AWS SDK default credentials chain, no pod. */
  public static CallerIdentity defaultChain() {
    return builder().build();
  }

  /** A builder that starts from the {@link #defaultChain()} identity. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder initialised with this identity's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.namespace = namespace;
    b.serviceAccount = serviceAccount;
    b.podName = podName;
    b.podUid = podUid;
    b.tokens = new TreeMap<>(tokens);
    b.authMode = authMode;
    b.roleArn = roleArn;
    b.preferredAddressType = preferredAddressType;
    return b;
  }

  /** The token for {@code audience}, if the driver passed one. */
  public Optional<ServiceAccountToken> token(String audience) {
    return Optional.ofNullable(tokens.get(audience));
  }

  @Override
  public String toString() {
    return "CallerIdentity{namespace="
        + namespace
        + ", serviceAccount="
        + serviceAccount
        + ", podName="
        + podName
        + ", podUid="
        + podUid
        + ", tokenAudiences="
        + new TreeMap<>(tokens).keySet()
        + ", authMode="
        + authMode
        + ", roleArn="
        + roleArn.orElse("")
        + ", preferredAddressType="
        + preferredAddressType
        + "}";
  }

  /** A validating builder of {@link CallerIdentity}. */
  public static final class Builder {
    private String namespace = "";
    private String serviceAccount = "";
    private String podName = "";
    private String podUid = "";
    private Map<String, ServiceAccountToken> tokens = new TreeMap<>();
    private AuthMode authMode = AuthMode.DEFAULT_CHAIN;
    private Optional<String> roleArn = Optional.empty();
    private AddressPreference preferredAddressType = AddressPreference.AUTO;

    private Builder() {}

    /** Sets the pod's namespace. */
    public Builder namespace(String namespace) {
      this.namespace = requireNonNull(namespace, "namespace");
      return this;
    }

    /** Sets the pod's service account name. */
    public Builder serviceAccount(String serviceAccount) {
      this.serviceAccount = requireNonNull(serviceAccount, "serviceAccount");
      return this;
    }

    /** Sets the pod's name. */
    public Builder podName(String podName) {
      this.podName = requireNonNull(podName, "podName");
      return this;
    }

    /** Sets the pod's uid. */
    public Builder podUid(String podUid) {
      this.podUid = requireNonNull(podUid, "podUid");
      return this;
    }

    /** Replaces the tokens by audience. */
    public Builder tokens(Map<String, ServiceAccountToken> tokens) {
      this.tokens = new TreeMap<>(requireNonNull(tokens, "tokens"));
      return this;
    }

    /** Adds or replaces the token of one audience. */
    public Builder token(String audience, ServiceAccountToken token) {
      tokens.put(requireNonNull(audience, "audience"), requireNonNull(token, "token"));
      return this;
    }

    /** Sets how the tokens become AWS credentials. */
    public Builder authMode(AuthMode authMode) {
      this.authMode = requireNonNull(authMode, "authMode");
      return this;
    }

    /** Sets the IAM role to assume with IRSA. */
    public Builder roleArn(String roleArn) {
      requireNonNull(roleArn, "roleArn");
      if (roleArn.isEmpty()) {
        throw new IllegalArgumentException("roleArn must not be empty");
      }
      this.roleArn = Optional.of(roleArn);
      return this;
    }

    /** Sets the Pod Identity agent address family. */
    public Builder preferredAddressType(AddressPreference preferredAddressType) {
      this.preferredAddressType = requireNonNull(preferredAddressType, "preferredAddressType");
      return this;
    }

    /** Builds the identity. */
    public CallerIdentity build() {
      return new CallerIdentity(
          namespace,
          serviceAccount,
          podName,
          podUid,
          tokens,
          authMode,
          roleArn,
          preferredAddressType);
    }
  }
}

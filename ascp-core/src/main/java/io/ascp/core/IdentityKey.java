// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AuthMode;
import io.ascp.api.CallerIdentity;

/**
 * Whose authorization a cached or shared value stands for: two requests share a backend call or a
 * cached value only when their keys are equal. Built from a {@link CallerIdentity} by {@link
 * #of(CallerIdentity)}; it holds no token, so {@link #toString()} shows none.
 *
 * <p>The components are what decides what AWS lets a caller read:
 *
 * <ul>
 *   <li>IRSA: the role (its policies) and the namespace and service account (the role's trust
 *       policy admits a service account, and the session name, which IAM policies can test through
 *       {@code aws:userid}, is derived from them). Pods of one service account share entries.
 *   <li>EKS Pod Identity: the namespace, service account, pod name and pod uid, because the agent's
 *       credentials carry them as session tags ({@code kubernetes-pod-name}, {@code
 *       kubernetes-pod-uid}) and policies may grant access by them (ABAC). Each pod has its own
 *       entries.
 *   <li>The default chain: the process's own credentials; namespace and service account are kept
 *       anyway, so a library caller that fills them in never shares across them.
 * </ul>
 *
 * <p>The auth mode is always part of the key, so an IRSA and a Pod Identity caller with the same
 * service account never share. Components are compared one by one (no concatenation), so no choice
 * of names can make two different identities collide.
 */
record IdentityKey(
    AuthMode authMode,
    String roleArn,
    String namespace,
    String serviceAccount,
    String podName,
    String podUid) {

  IdentityKey {
    requireNonNull(authMode, "authMode");
    requireNonNull(roleArn, "roleArn");
    requireNonNull(namespace, "namespace");
    requireNonNull(serviceAccount, "serviceAccount");
    requireNonNull(podName, "podName");
    requireNonNull(podUid, "podUid");
  }

  /** The key of {@code identity}. */
  static IdentityKey of(CallerIdentity identity) {
    boolean perPod = identity.authMode() == AuthMode.POD_IDENTITY;
    return new IdentityKey(
        identity.authMode(),
        identity.roleArn().orElse(""),
        identity.namespace(),
        identity.serviceAccount(),
        perPod ? identity.podName() : "",
        perPod ? identity.podUid() : "");
  }
}

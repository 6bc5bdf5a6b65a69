// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The identity side of {@link FakeAws}: who may read which object, which web identities may assume
 * which role, which service account Pod Identity maps to which role, and the temporary credentials
 * the HTTP emulator has issued.
 *
 * <p>A <em>principal</em> is who calls: the role ARN of credentials the emulator issued (through
 * STS or the Pod Identity agent), the access key id of any other SigV4 credentials, or the
 * principal the store's {@code SecretSource} derives from the {@code CallerIdentity}.
 *
 * <p>Access is open until the first {@link #allow} rule; from then on a principal may call Secrets
 * Manager and Parameter Store operations only on objects an allow rule grants it, and gets {@code
 * AccessDeniedException} otherwise, so tests can prove identity isolation:
 *
 * <pre>{@code
 * aws.iam()
 *     .allow("arn:aws:iam::123456789012:role/app-a", AwsService.SECRETS_MANAGER, "app-a/*")
 *     .allow("arn:aws:iam::123456789012:role/app-b", AwsService.SECRETS_MANAGER, "app-b/*");
 * }</pre>
 *
 * <p>Thread-safe; changes apply to the next call.
 */
public final class FakeIam {
  private final Object lock;
  private final String accountId;
  private final List<Grant> grants = new ArrayList<>();
  private final Map<String, List<Pattern>> trust = new TreeMap<>();
  private final Map<String, String> podIdentity = new TreeMap<>();
  private final Map<String, IssuedCredentials> issued = new LinkedHashMap<>();

  private record Grant(String principal, AwsService service, Pattern names) {}

  /** Credentials the emulator issued, and whom they stand for. */
  record IssuedCredentials(
      String accessKeyId,
      String secretAccessKey,
      String sessionToken,
      Instant expiration,
      String principal,
      String displayArn) {
    @Override
    public String toString() {
      return "IssuedCredentials{accessKeyId=" + accessKeyId + ", principal=" + principal + "}";
    }
  }

  FakeIam(Object lock, String accountId) {
    this.lock = lock;
    this.accountId = accountId;
  }

  /**
   * Allows {@code principal} to call {@code service}'s operations on objects whose name matches
   * {@code namePattern} ({@code *} matches any characters, {@code ?} one character). The first rule
   * turns access control on.
   *
   * @return this, for chaining
   */
  public FakeIam allow(String principal, AwsService service, String namePattern) {
    requireNonEmpty(principal, "principal");
    requireNonNull(service, "service");
    requireNonEmpty(namePattern, "namePattern");
    synchronized (lock) {
      grants.add(new Grant(principal, service, glob(namePattern)));
    }
    return this;
  }

  /**
   * Lets web identities whose subject ({@code sub} claim) matches {@code subjectPattern} assume
   * {@code roleArn} through STS {@code AssumeRoleWithWebIdentity}. A role without such a rule
   * trusts every subject; once it has one, other subjects get {@code AccessDenied}.
   *
   * @return this, for chaining
   */
  public FakeIam allowWebIdentity(String roleArn, String subjectPattern) {
    requireNonEmpty(roleArn, "roleArn");
    requireNonEmpty(subjectPattern, "subjectPattern");
    synchronized (lock) {
      trust.computeIfAbsent(roleArn, k -> new ArrayList<>()).add(glob(subjectPattern));
    }
    return this;
  }

  /**
   * Associates a Kubernetes service account with a role for EKS Pod Identity: the emulator's agent
   * endpoint answers a token of that service account with credentials of {@code roleArn}.
   *
   * @return this, for chaining
   */
  public FakeIam associatePodIdentity(String namespace, String serviceAccount, String roleArn) {
    requireNonEmpty(namespace, "namespace");
    requireNonEmpty(serviceAccount, "serviceAccount");
    requireNonEmpty(roleArn, "roleArn");
    synchronized (lock) {
      podIdentity.put(namespace + "/" + serviceAccount, roleArn);
    }
    return this;
  }

  /** Whether at least one {@link #allow} rule exists, so access is checked. */
  public boolean enforcesAccess() {
    synchronized (lock) {
      return !grants.isEmpty();
    }
  }

  /**
   * The principal that the temporary access key {@code accessKeyId} stands for, if the emulator
   * issued it.
   */
  public Optional<String> principalOf(String accessKeyId) {
    requireNonNull(accessKeyId, "accessKeyId");
    synchronized (lock) {
      return Optional.ofNullable(issued.get(accessKeyId)).map(IssuedCredentials::principal);
    }
  }

  /** Removes every rule, association and issued credential. */
  public void clear() {
    synchronized (lock) {
      grants.clear();
      trust.clear();
      podIdentity.clear();
      issued.clear();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Package-private: used by the store and the emulator under the store's lock.

  Access accessFor(String principal, String displayName) {
    return (op, name, arn) -> {
      if (grants.isEmpty()) {
        return;
      }
      for (Grant g : grants) {
        if (g.principal.equals(principal)
            && g.service == op.service()
            && g.names.matcher(name).matches()) {
          return;
        }
      }
      throw new AwsException(AwsError.accessDenied(displayName, op, arn));
    };
  }

  boolean trusts(String roleArn, String subject) {
    List<Pattern> patterns = trust.get(roleArn);
    return patterns == null || patterns.stream().anyMatch(p -> p.matcher(subject).matches());
  }

  Optional<String> podIdentityRole(String namespace, String serviceAccount) {
    return Optional.ofNullable(podIdentity.get(namespace + "/" + serviceAccount));
  }

  IssuedCredentials issue(Ids ids, String roleArn, String sessionName, Instant expiration) {
    String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
    IssuedCredentials c =
        new IssuedCredentials(
            ids.accessKeyId("ASIA"),
            ids.secretAccessKey(),
            ids.sessionToken(),
            expiration,
            roleArn,
            "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName);
    issued.put(c.accessKeyId(), c);
    return c;
  }

  Optional<IssuedCredentials> issued(String accessKeyId) {
    return Optional.ofNullable(issued.get(accessKeyId));
  }

  static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private static void requireNonEmpty(String value, String what) {
    requireNonNull(value, what);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
  }
}

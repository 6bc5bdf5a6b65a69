// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package com.example.reports;

import static java.util.Objects.requireNonNull;

import io.ascp.api.MountResult;
import java.util.Arrays;

/**
 * The reports service's secrets, read from a mount with its typed accessors.
 *
 * @param dbUsername the database user
 * @param dbPassword the database password
 * @param dbPasswordVersion the Secrets Manager version the password came from
 * @param signingKey the PKCS#12 signing key (copied in and out)
 * @param exportBucket the bucket the reports go to
 */
public record ReportSecrets(
    String dbUsername,
    String dbPassword,
    String dbPasswordVersion,
    byte[] signingKey,
    String exportBucket) {

  /** The file of the database user (a {@code jmesPath} alias in the class). */
  public static final String DB_USERNAME = "db-username";

  /** The file of the database password. */
  public static final String DB_PASSWORD = "db-password";

  /** The file of the signing key (a binary secret). */
  public static final String SIGNING_KEY = "signing-key.p12";

  /** The file of the export bucket (an SSM parameter). */
  public static final String EXPORT_BUCKET = "export-bucket";

  /** Checks the components and copies the key. */
  public ReportSecrets {
    requireNonNull(dbUsername, "dbUsername");
    requireNonNull(dbPassword, "dbPassword");
    requireNonNull(dbPasswordVersion, "dbPasswordVersion");
    signingKey = signingKey.clone();
    requireNonNull(exportBucket, "exportBucket");
  }

  /**
   * The secrets of a mount of the reports class.
   *
   * @throws java.util.NoSuchElementException when the class mounts no file a secret needs (the
   *     message lists the files it does mount)
   */
  public static ReportSecrets from(MountResult result) {
    return new ReportSecrets(
        result.string(DB_USERNAME),
        result.string(DB_PASSWORD),
        result.version(DB_PASSWORD).orElse(""),
        result.bytes(SIGNING_KEY),
        result.string(EXPORT_BUCKET));
  }

  /** A copy of the signing key. */
  @Override
  public byte[] signingKey() {
    return signingKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReportSecrets r
        && dbUsername.equals(r.dbUsername)
        && dbPassword.equals(r.dbPassword)
        && dbPasswordVersion.equals(r.dbPasswordVersion)
        && Arrays.equals(signingKey, r.signingKey)
        && exportBucket.equals(r.exportBucket);
  }

  @Override
  public int hashCode() {
    return 31 * dbPasswordVersion.hashCode() + Arrays.hashCode(signingKey);
  }

  /** Names and versions only, never a value. */
  @Override
  public String toString() {
    return "ReportSecrets[dbPasswordVersion="
        + dbPasswordVersion
        + ", signingKey="
        + signingKey.length
        + " bytes]";
  }
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One validated entry of a {@code SecretProviderClass}'s {@code objects} list: which secret or
 * parameter to read, which version, and how to name the files it produces.
 *
 * @param objectName the Secrets Manager secret id (name or ARN) or the SSM parameter name (or ARN)
 * @param objectType the backend, explicit or taken from the ARN's service
 * @param objectAlias the file name, if it should differ from the object name
 * @param objectVersion the Secrets Manager {@code VersionId} or the SSM version number
 * @param objectVersionLabel the Secrets Manager {@code VersionStage} or the SSM label
 * @param filePermission the file mode parsed from the octal {@code filePermission}, if set
 * @param jmesPath JSON keys to extract into files of their own
 * @param failoverObject what to read in the failover region instead, if set
 */
public record SecretObject(
    String objectName,
    ObjectType objectType,
    Optional<String> objectAlias,
    Optional<String> objectVersion,
    Optional<String> objectVersionLabel,
    OptionalInt filePermission,
    List<JmesPathEntry> jmesPath,
    Optional<FailoverObject> failoverObject) {

  /** Checks the components and copies the list. */
  public SecretObject {
    JmesPathEntry.requireNonEmpty(objectName, "objectName");
    requireNonNull(objectType, "objectType");
    requireNonNull(objectAlias, "objectAlias");
    requireNonNull(objectVersion, "objectVersion");
    requireNonNull(objectVersionLabel, "objectVersionLabel");
    requireNonNull(filePermission, "filePermission");
    jmesPath = List.copyOf(jmesPath);
    requireNonNull(failoverObject, "failoverObject");
  }

  /** A builder for an object of the given name and type. */
  public static Builder builder(String objectName, ObjectType objectType) {
    return new Builder(objectName, objectType);
  }

  /** A builder initialised with this object's values. */
  public Builder toBuilder() {
    Builder b = new Builder(objectName, objectType);
    b.objectAlias = objectAlias;
    b.objectVersion = objectVersion;
    b.objectVersionLabel = objectVersionLabel;
    b.filePermission = filePermission;
    b.jmesPath.addAll(jmesPath);
    b.failoverObject = failoverObject;
    return b;
  }

  /** A builder of {@link SecretObject}; each setter rejects empty strings. */
  public static final class Builder {
    private final String objectName;
    private final ObjectType objectType;
    private Optional<String> objectAlias = Optional.empty();
    private Optional<String> objectVersion = Optional.empty();
    private Optional<String> objectVersionLabel = Optional.empty();
    private OptionalInt filePermission = OptionalInt.empty();
    private final List<JmesPathEntry> jmesPath = new ArrayList<>();
    private Optional<FailoverObject> failoverObject = Optional.empty();

    private Builder(String objectName, ObjectType objectType) {
      JmesPathEntry.requireNonEmpty(objectName, "objectName");
      this.objectName = objectName;
      this.objectType = requireNonNull(objectType, "objectType");
    }

    /** Sets the file name. */
    public Builder objectAlias(String objectAlias) {
      JmesPathEntry.requireNonEmpty(objectAlias, "objectAlias");
      this.objectAlias = Optional.of(objectAlias);
      return this;
    }

    /** Pins a version id (Secrets Manager) or version number (SSM). */
    public Builder objectVersion(String objectVersion) {
      JmesPathEntry.requireNonEmpty(objectVersion, "objectVersion");
      this.objectVersion = Optional.of(objectVersion);
      return this;
    }

    /** Selects a version stage (Secrets Manager) or label (SSM). */
    public Builder objectVersionLabel(String objectVersionLabel) {
      JmesPathEntry.requireNonEmpty(objectVersionLabel, "objectVersionLabel");
      this.objectVersionLabel = Optional.of(objectVersionLabel);
      return this;
    }

    /** Sets the file mode, 0 to 07777. */
    public Builder filePermission(int mode) {
      if (mode < 0 || mode > 07777) {
        throw new IllegalArgumentException(
            "filePermission must be within 0 and 07777, got 0" + Integer.toOctalString(mode));
      }
      this.filePermission = OptionalInt.of(mode);
      return this;
    }

    /** Adds a JSON key to extract. */
    public Builder addJmesPath(JmesPathEntry entry) {
      jmesPath.add(requireNonNull(entry, "entry"));
      return this;
    }

    /** Sets what to read in the failover region instead. */
    public Builder failoverObject(FailoverObject failoverObject) {
      this.failoverObject = Optional.of(requireNonNull(failoverObject, "failoverObject"));
      return this;
    }

    /** Builds the object. */
    public SecretObject build() {
      return new SecretObject(
          objectName,
          objectType,
          objectAlias,
          objectVersion,
          objectVersionLabel,
          filePermission,
          jmesPath,
          failoverObject);
    }
  }
}

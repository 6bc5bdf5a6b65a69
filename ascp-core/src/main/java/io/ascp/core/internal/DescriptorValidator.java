// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

import static io.ascp.core.internal.Messages.echo;

import io.ascp.api.FailoverObject;
import io.ascp.api.JmesPathEntry;
import io.ascp.api.ObjectType;
import io.ascp.api.PathTranslation;
import io.ascp.api.SecretObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The reference provider's checks of {@code objects} (reference §3.4 and §3.5), in its order and
 * with its messages: per descriptor its own checks, then the checks against the descriptors before
 * it. The checks the reference lacks (file-name safety and collisions) run afterwards, in {@link
 * FileLayout}, so that a class the reference rejects is rejected here with the reference's message.
 */
final class DescriptorValidator {
  /* The reference's traversal check; \z because Go's $ matches only at the very end. */
  private static final Pattern BAD_PATH = Pattern.compile("(/\\.\\./)|(^\\.\\./)|(/\\.\\.\\z)");

  private static final Pattern FILE_PERMISSION = Pattern.compile("[0-7]{4}");

  /* The reference's type map: "ssm" is valid only as an ARN service. */
  private static final Map<String, ObjectType> TYPE_MAP =
      Map.of(
          "secretsmanager", ObjectType.SECRETS_MANAGER,
          "ssmparameter", ObjectType.SSM_PARAMETER,
          "ssm", ObjectType.SSM_PARAMETER);

  private DescriptorValidator() {}

  /**
   * Validates the descriptors and converts them.
   *
   * @param descriptors the decoded descriptors; an empty element is a {@code null} list item
   * @param translation the path translation, for the traversal check on file names
   * @param primaryRegion the primary region; empty when it is unknown (an offline check), which
   *     skips the check of an {@code objectName} ARN's region
   * @param failoverRegion the failover region, if any
   * @throws io.ascp.api.AscpException {@code INVALID_PARAMETERS} with the reference's message
   */
  static List<SecretObject> validate(
      List<Optional<RawDescriptor>> descriptors,
      PathTranslation translation,
      Optional<String> primaryRegion,
      Optional<String> failoverRegion) {
    checkCounts(descriptors);
    List<SecretObject> out = new ArrayList<>(descriptors.size());
    Map<String, RawDescriptor> seenNames = new HashMap<>();
    Set<String> seenAliases = new HashSet<>();
    for (Optional<RawDescriptor> entry : descriptors) {
      if (entry.isEmpty()) {
        throw Messages.invalid("Empty descriptor entry in SecretProviderClass");
      }
      RawDescriptor d = entry.get();
      validateDescriptor(d, translation, primaryRegion, failoverRegion);
      checkDuplicates(d, seenNames, seenAliases);
      out.add(toSecretObject(d));
    }
    return out;
  }

  /* ascp-java's limits (the reference has none); checked first, so a huge list fails fast. */
  private static void checkCounts(List<Optional<RawDescriptor>> descriptors) {
    if (descriptors.size() > Limits.MAX_OBJECTS) {
      throw Messages.invalid(
          "objects lists "
              + descriptors.size()
              + " objects; the limit is "
              + Limits.MAX_OBJECTS
              + " per mount");
    }
    long files = 0;
    for (Optional<RawDescriptor> d : descriptors) {
      files += 1 + d.map(r -> r.jmesPath().size()).orElse(0);
    }
    if (files > Limits.MAX_FILES) {
      throw Messages.invalid(
          "objects make "
              + files
              + " files (objects and jmesPath entries); the limit is "
              + Limits.MAX_FILES
              + " per mount");
    }
  }

  private static void validateDescriptor(
      RawDescriptor d,
      PathTranslation translation,
      Optional<String> primaryRegion,
      Optional<String> failoverRegion) {
    String name = d.objectName();
    if (name.isEmpty()) {
      throw Messages.invalid("Object name must be specified");
    }
    validateObjectName(name, d.objectType(), primaryRegion);
    ObjectType type = secretType(d);
    if (type == ObjectType.SSM_PARAMETER
        && !d.objectVersion().isEmpty()
        && !d.objectVersionLabel().isEmpty()) {
      throw Messages.invalid(
          "ssm parameters can not specify both objectVersion and objectVersionLabel: "
              + echo(name));
    }
    String base = d.objectAlias().isEmpty() ? name : d.objectAlias();
    if (BAD_PATH.matcher(FileLayout.fileName(base, translation)).find()) {
      throw Messages.invalid("path can not contain ../: " + echo(name));
    }
    checkPermission(d.filePermission());
    for (RawDescriptor.JmesEntry jmes : d.jmesPath()) {
      if (jmes.path().isEmpty()) {
        throw Messages.invalid("Path must be specified for JMES object");
      }
      if (jmes.objectAlias().isEmpty()) {
        throw Messages.invalid("Object alias must be specified for JMES object");
      }
      if (jmes.path().length() > Limits.MAX_JMES_PATH_CHARS) {
        throw Messages.invalid(
            "the JMES path of object alias "
                + echo(jmes.objectAlias())
                + " is longer than "
                + Limits.MAX_JMES_PATH_CHARS
                + " characters: "
                + echo(name));
      }
      checkPermission(jmes.filePermission());
    }
    RawDescriptor.Failover failover = d.failoverObject();
    if (!failover.objectName().isEmpty()) {
      if (d.objectAlias().isEmpty()) {
        throw Messages.invalid(
            "object alias must be specified for objects with failover entries: " + echo(name));
      }
      if (failoverRegion.isEmpty()) {
        throw Messages.invalid(
            "failover object allowed only when failover region is defined: " + echo(name));
      }
      validateObjectName(failover.objectName(), d.objectType(), failoverRegion);
      if (type == ObjectType.SSM_PARAMETER
          && !failover.objectVersion().isEmpty()
          && !failover.objectVersionLabel().isEmpty()) {
        throw Messages.invalid(
            "ssm parameters can not specify both objectVersion and objectVersionLabel: "
                + echo(name));
      }
      if (!failover.objectVersion().equals(d.objectVersion())) {
        throw Messages.invalid(
            "object versions must match between primary and failover regions: " + echo(name));
      }
    }
  }

  private static void checkPermission(String permission) {
    if (!permission.isEmpty() && !FILE_PERMISSION.matcher(permission).matches()) {
      throw Messages.invalid("Invalid File Permission: " + echo(permission));
    }
  }

  /*
   * The reference's validateObjectName: ARN shape, ARN region, objectType and ARN service. An
   * unknown region (an offline check without one) skips only the ARN region check.
   */
  private static void validateObjectName(String name, String objectType, Optional<String> region) {
    boolean hasArn = name.startsWith("arn:");
    String service = "";
    if (hasArn) {
      List<String> sections = splitArn(name);
      if (sections.size() != 6) {
        throw Messages.invalid("Invalid ARN format in object name: " + echo(name));
      }
      service = sections.get(2);
      if (region.isPresent() && !sections.get(3).equals(region.get())) {
        throw Messages.invalid(
            "ARN region must match region " + echo(region.get()) + ": " + echo(name));
      }
    }
    if (objectType.isEmpty() && !hasArn) {
      throw Messages.invalid("Must use objectType when a full ARN is not specified: " + echo(name));
    }
    if (objectType.isEmpty() && !TYPE_MAP.containsKey(service)) {
      throw Messages.invalid("Invalid service in ARN: " + echo(service));
    }
    if (!objectType.isEmpty() && (!TYPE_MAP.containsKey(objectType) || objectType.equals("ssm"))) {
      throw Messages.invalid("Invalid objectType: " + echo(objectType));
    }
    if (!objectType.isEmpty() && hasArn && TYPE_MAP.get(objectType) != typeOfService(service)) {
      throw Messages.invalid("objectType does not match ARN: " + echo(name));
    }
  }

  /* Go's strings.SplitN(arn, ":", 6), as the SDK's arn.Parse uses it. */
  private static List<String> splitArn(String arn) {
    List<String> sections = new ArrayList<>(6);
    int start = 0;
    while (sections.size() < 5) {
      int colon = arn.indexOf(':', start);
      if (colon < 0) {
        break;
      }
      sections.add(arn.substring(start, colon));
      start = colon + 1;
    }
    sections.add(arn.substring(start));
    return sections;
  }

  /* Go's typeMap[service]: an unknown service reads as the zero value, which is SSM. */
  private static ObjectType typeOfService(String service) {
    return TYPE_MAP.getOrDefault(service, ObjectType.SSM_PARAMETER);
  }

  /* The type of a validated descriptor: objectType if set, else the ARN's service. */
  private static ObjectType secretType(RawDescriptor d) {
    if (!d.objectType().isEmpty()) {
      return typeOfService(d.objectType());
    }
    return typeOfService(splitArn(d.objectName()).get(2));
  }

  /* The reference's list-level checks (§3.5), against the descriptors before this one. */
  private static void checkDuplicates(
      RawDescriptor d, Map<String, RawDescriptor> seenNames, Set<String> seenAliases) {
    String name = d.objectName();
    String alias = d.objectAlias();
    String label = d.objectVersionLabel();
    RawDescriptor found = seenNames.get(name);
    if (found != null) {
      boolean hasAlias = !alias.isEmpty();
      boolean foundHasAlias = !found.objectAlias().isEmpty();
      boolean hasLabel = !label.isEmpty();
      boolean foundHasLabel = !found.objectVersionLabel().isEmpty();
      String prefix = "found descriptor with duplicate object name " + echo(name);
      if (hasAlias
          && foundHasAlias
          && !hasLabel
          && !foundHasLabel
          && alias.equals(found.objectAlias())) {
        throw Messages.invalid(
            prefix + ", duplicate object alias " + echo(alias) + ", and no version label");
      }
      if (!hasAlias
          && !foundHasAlias
          && hasLabel
          && foundHasLabel
          && label.equals(found.objectVersionLabel())) {
        throw Messages.invalid(
            prefix + ", no object alias, and duplicate version label " + echo(label));
      }
      if (hasAlias
          && foundHasAlias
          && hasLabel
          && foundHasLabel
          && alias.equals(found.objectAlias())
          && label.equals(found.objectVersionLabel())) {
        throw Messages.invalid(
            prefix
                + ", duplicate object alias "
                + echo(alias)
                + ", and duplicate version label "
                + echo(label));
      }
      if (!hasAlias && !foundHasAlias && !hasLabel && !foundHasLabel) {
        throw Messages.invalid(prefix + ", no object alias, and no version label");
      }
    }
    seenNames.put(name, d);
    if (seenAliases.contains(alias)) {
      throw Messages.invalid("found duplicate object alias " + echo(alias));
    }
    if (!alias.isEmpty()) {
      seenAliases.add(alias);
    }
    for (RawDescriptor.JmesEntry jmes : d.jmesPath()) {
      if (seenAliases.contains(jmes.objectAlias())) {
        throw Messages.invalid(
            "Name already in use for objectAlias: found duplicate object alias "
                + echo(jmes.objectAlias())
                + " in JMES path entry "
                + echo(jmes.path()));
      }
      seenAliases.add(jmes.objectAlias());
    }
  }

  private static SecretObject toSecretObject(RawDescriptor d) {
    SecretObject.Builder b = SecretObject.builder(d.objectName(), secretType(d));
    if (!d.objectAlias().isEmpty()) {
      b.objectAlias(d.objectAlias());
    }
    if (!d.objectVersion().isEmpty()) {
      b.objectVersion(d.objectVersion());
    }
    if (!d.objectVersionLabel().isEmpty()) {
      b.objectVersionLabel(d.objectVersionLabel());
    }
    if (!d.filePermission().isEmpty()) {
      b.filePermission(Integer.parseInt(d.filePermission(), 8));
    }
    for (RawDescriptor.JmesEntry jmes : d.jmesPath()) {
      OptionalInt mode =
          jmes.filePermission().isEmpty()
              ? OptionalInt.empty()
              : OptionalInt.of(Integer.parseInt(jmes.filePermission(), 8));
      b.addJmesPath(new JmesPathEntry(jmes.path(), jmes.objectAlias(), mode));
    }
    RawDescriptor.Failover f = d.failoverObject();
    if (!f.isEmpty()) {
      b.failoverObject(
          new FailoverObject(
              nonEmpty(f.objectName()),
              nonEmpty(f.objectVersion()),
              nonEmpty(f.objectVersionLabel())));
    }
    return b.build();
  }

  private static Optional<String> nonEmpty(String s) {
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }
}

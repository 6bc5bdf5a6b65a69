// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.testing;

import static java.util.Objects.requireNonNull;

import io.ascp.api.MountedFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CSI driver's sync of mounted files into Kubernetes Secrets ({@code secretObjects}), without
 * Kubernetes: given a mounted volume and the class's {@code secretObjects}, the Secrets the
 * driver's {@code SecretProviderClassPodStatus} reconciler would create, with its rules and
 * messages.
 *
 * <pre>{@code
 * SyncResult result =
 *     SecretSync.sync(
 *         volume,
 *         List.of(
 *             SecretObjectSpec.builder("db", "Opaque").data("db-password", "password").build()));
 * assertThat(result.secret("db").dataAsString("password")).isEqualTo("s3cr3t");
 * }</pre>
 *
 * <p>Per entry, as the driver: {@code secretName}, {@code type} and {@code data} must not be empty
 * ({@code secret name is empty}, {@code secret type is empty}, {@code data is empty}); the name and
 * the type are then trimmed (a type of blanks becomes {@code Opaque}); each {@code data} entry's
 * {@code objectName} and {@code key} are trimmed and must not be empty, and {@code objectName} must
 * be a file of the volume as {@link MountedFiles#read} lists it ({@code file matching objectName
 * <name> not found in the pod}); a repeated key keeps its last value. For {@code kubernetes.io/tls}
 * the key must be {@code tls.crt} (every {@code CERTIFICATE} block of the file's PEM bundle) or
 * {@code tls.key} (the private key, re-encoded as PKCS#1 {@code RSA PRIVATE KEY} or SEC 1 {@code EC
 * PRIVATE KEY}); a file without PEM blocks is read as a password-less PKCS#12 bundle. The labels
 * get {@code secrets-store.csi.k8s.io/managed: "true"}.
 *
 * <p>Not emulated: owner references, the existence check (the driver creates a Secret only when
 * none of that name exists, and v1.6 updates it after a rotation), Kubernetes' own validation of
 * the Secret (for example the keys a type requires).
 */
public final class SecretSync {
  /** The label the driver puts on every Secret it manages. */
  public static final String MANAGED_LABEL = "secrets-store.csi.k8s.io/managed";

  private SecretSync() {}

  /**
   * The Secrets the driver would create for {@code volume}, from the files mounted in its target
   * directory now.
   */
  public static SyncResult sync(PodVolume volume, List<SecretObjectSpec> secretObjects) {
    requireNonNull(volume, "volume");
    requireNonNull(secretObjects, "secretObjects");
    Map<String, MountedFile> files = new LinkedHashMap<>();
    for (MountedFile f : MountedFiles.read(volume.targetPath())) {
      files.put(f.path(), f);
    }
    String spc = volume.namespace() + "/" + volume.secretProviderClass();
    List<SyncedSecret> secrets = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (SecretObjectSpec object : secretObjects) {
      String invalid = validate(object);
      if (!invalid.isEmpty()) {
        errors.add("failed to validate secret object in spc " + spc + ", err: " + invalid);
        continue;
      }
      String name = object.secretName().strip();
      String type = object.type().strip().isEmpty() ? "Opaque" : object.type().strip();
      Map<String, byte[]> data = new LinkedHashMap<>();
      String dataError = data(object.data(), type, files, volume, data);
      if (!dataError.isEmpty()) {
        errors.add(
            "failed to get data in spc " + spc + " for secret " + name + ", err: " + dataError);
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>(object.labels());
      labels.put(MANAGED_LABEL, "true");
      secrets.add(
          new SyncedSecret(volume.namespace(), name, type, labels, object.annotations(), data));
    }
    return new SyncResult(secrets, errors);
  }

  /** The driver's {@code ValidateSecretObject}: empty when valid. */
  private static String validate(SecretObjectSpec object) {
    if (object.secretName().isEmpty()) {
      return "secret name is empty";
    }
    if (object.type().isEmpty()) {
      return "secret type is empty";
    }
    if (object.data().isEmpty()) {
      return "data is empty";
    }
    return "";
  }

  /** The driver's {@code GetSecretData}: empty when every entry was read into {@code out}. */
  private static String data(
      List<SecretObjectSpec.Data> entries,
      String type,
      Map<String, MountedFile> files,
      PodVolume volume,
      Map<String, byte[]> out) {
    for (SecretObjectSpec.Data entry : entries) {
      String objectName = entry.objectName().strip();
      String key = entry.key().strip();
      if (objectName.isEmpty()) {
        return "object name in secretObjects.data";
      }
      if (key.isEmpty()) {
        return "key in secretObjects.data is empty";
      }
      MountedFile file = files.get(objectName);
      if (file == null) {
        return "file matching objectName " + objectName + " not found in the pod";
      }
      byte[] content = file.contents();
      if (type.equals("kubernetes.io/tls")) {
        try {
          content = TlsSplit.part(content, key);
        } catch (TlsSplit.TlsException e) {
          return "failed to get cert data from file "
              + walkedPath(volume.targetPath(), objectName)
              + ", err: "
              + e.getMessage();
        }
      }
      out.put(key, content);
    }
    return "";
  }

  /** The path the driver's walk gives a file: through the top-level link into {@code ..data}. */
  private static java.nio.file.Path walkedPath(java.nio.file.Path target, String objectName) {
    int slash = objectName.indexOf('/');
    String first = slash < 0 ? objectName : objectName.substring(0, slash);
    java.nio.file.Path top = target.resolve(first);
    try {
      if (java.nio.file.Files.isSymbolicLink(top)) {
        java.nio.file.Path root = target.resolve(java.nio.file.Files.readSymbolicLink(top));
        return slash < 0 ? root : root.resolve(objectName.substring(slash + 1));
      }
    } catch (java.io.IOException e) {
      // fall through: the plain path
    }
    return target.resolve(objectName);
  }
}

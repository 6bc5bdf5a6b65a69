// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package com.example.orders;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpException;
import io.ascp.api.MountParameters;
import io.ascp.api.MountResult;
import io.ascp.api.MountedFile;
import io.ascp.api.ObjectType;
import io.ascp.aws.AwsSources;
import io.ascp.core.AttributeKeys;
import io.ascp.core.ParameterParser;
import io.ascp.core.SecretMounter;
import io.ascp.core.SecretProviderClassManifest;
import java.nio.file.Path;

/**
 * Loads the orders service's database settings through ascp-java from the same {@code
 * SecretProviderClass} its pods mount ({@code k8s/secretproviderclass.yaml}), so that a batch job
 * or a local run reads the same objects, with the same failover, as the pod.
 *
 * <p>The loader is given its {@link SecretMounter} and never closes it.
 */
public final class MountedConfigLoader {
  /** The file that holds the JDBC URL. */
  public static final String URL_FILE = "db-url";

  /** The file that holds the database user. */
  public static final String USERNAME_FILE = "db-username";

  /** The file that holds the database password. */
  public static final String PASSWORD_FILE = "db-password";

  private final SecretMounter mounter;
  private final MountParameters parameters;

  /** A loader that mounts {@code parameters} with {@code mounter}. */
  public MountedConfigLoader(SecretMounter mounter, MountParameters parameters) {
    this.mounter = requireNonNull(mounter, "mounter");
    this.parameters = requireNonNull(parameters, "parameters");
  }

  /**
   * The parameters of the {@code SecretProviderClass} in {@code manifest}, in its {@code region}.
   *
   * @throws AscpException {@code INVALID_PARAMETERS} when the manifest is not valid
   */
  public static MountParameters parameters(Path manifest) {
    SecretProviderClassManifest spc = SecretProviderClassManifest.read(manifest);
    return ParameterParser.parse(
        spc.parameters(), spc.parameters().getOrDefault(AttributeKeys.REGION, ""));
  }

  /**
   * A mounter that reads from AWS through {@code aws}. The caller closes the mounter, then {@code
   * aws}.
   */
  public static SecretMounter awsMounter(AwsSources aws) {
    return SecretMounter.builder()
        .source(ObjectType.SECRETS_MANAGER, aws.secretsManager())
        .source(ObjectType.SSM_PARAMETER, aws.parameterStore())
        .build();
  }

  /**
   * Mounts the objects: the files (with their modes) and versions a pod would get.
   *
   * @throws AscpException when an object cannot be fetched in any region (its code says why)
   */
  public MountResult mount() {
    return mounter.mount(parameters);
  }

  /**
   * Mounts the objects and reads the settings from the files.
   *
   * @throws AscpException when an object cannot be fetched in any region (its code says why)
   * @throws ConfigException when the {@code SecretProviderClass} does not mount a needed file
   */
  public DatabaseConfig load() {
    MountResult result = mount();
    return new DatabaseConfig(
        read(result, URL_FILE), read(result, USERNAME_FILE), read(result, PASSWORD_FILE));
  }

  private static String read(MountResult result, String path) {
    return result
        .file(path)
        .map(MountedFile::contentsAsString)
        .orElseThrow(
            () -> new ConfigException("The SecretProviderClass mounts no file named " + path));
  }
}

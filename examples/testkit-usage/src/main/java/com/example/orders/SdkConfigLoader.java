// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package com.example.orders;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * Loads the orders service's database settings with the AWS SDK: the URL and the user from
 * Parameter Store (one {@code GetParameters} call), the password from Secrets Manager (one {@code
 * GetSecretValue} call). Throttling and other transient errors are retried by the SDK.
 *
 * <p>The loader is given its clients and never closes them.
 */
public final class SdkConfigLoader {
  /** The Parameter Store parameter that holds the JDBC URL. */
  public static final String URL_PARAMETER = "/orders/db-url";

  /** The Parameter Store parameter that holds the database user. */
  public static final String USERNAME_PARAMETER = "/orders/db-username";

  /** The Secrets Manager secret that holds the database password. */
  public static final String PASSWORD_SECRET = "orders/db-password";

  private final SecretsManagerClient secrets;
  private final SsmClient parameters;

  /** A loader that reads through {@code secrets} and {@code parameters}. */
  public SdkConfigLoader(SecretsManagerClient secrets, SsmClient parameters) {
    this.secrets = requireNonNull(secrets, "secrets");
    this.parameters = requireNonNull(parameters, "parameters");
  }

  /**
   * Reads the settings.
   *
   * @throws ConfigException when a parameter or the secret is missing or cannot be read
   */
  public DatabaseConfig load() {
    GetParametersResponse found;
    try {
      found =
          parameters.getParameters(
              b -> b.names(URL_PARAMETER, USERNAME_PARAMETER).withDecryption(true));
    } catch (SdkException e) {
      throw new ConfigException(
          "Cannot read parameters " + URL_PARAMETER + ", " + USERNAME_PARAMETER + ": " + why(e), e);
    }
    if (!found.invalidParameters().isEmpty()) {
      throw new ConfigException("Missing parameters: " + found.invalidParameters());
    }
    Map<String, String> values =
        found.parameters().stream().collect(Collectors.toMap(Parameter::name, Parameter::value));

    String password;
    try {
      password = secrets.getSecretValue(b -> b.secretId(PASSWORD_SECRET)).secretString();
    } catch (ResourceNotFoundException e) {
      throw new ConfigException("Secret " + PASSWORD_SECRET + " does not exist", e);
    } catch (SdkException e) {
      throw new ConfigException("Cannot read secret " + PASSWORD_SECRET + ": " + why(e), e);
    }
    if (password == null) {
      throw new ConfigException("Secret " + PASSWORD_SECRET + " holds binary data, not a string");
    }
    return new DatabaseConfig(values.get(URL_PARAMETER), values.get(USERNAME_PARAMETER), password);
  }

  private static String why(SdkException e) {
    return e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
        ? aws.awsErrorDetails().errorCode()
        : e.getClass().getSimpleName();
  }
}

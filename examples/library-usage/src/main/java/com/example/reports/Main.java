// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package com.example.reports;

import io.ascp.api.AscpException;
import io.ascp.api.ObjectVersion;
import io.ascp.aws.AwsSources;
import io.ascp.core.SecretMounter;
import io.ascp.core.SecretProviderClassManifest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The agent as a process on a VM: {@code Main <spc.yaml> <directory> [<minutes>]}. Reads from AWS
 * with the default credentials chain (instance profile, environment, profile files), writes the
 * class's files into the directory and keeps them fresh until the process is stopped. Prints file
 * names and versions, never a value.
 */
public final class Main {
  private Main() {}

  /**
   * A mounter that reads both object types from AWS through {@code aws}. Close the mounter, then
   * {@code aws}.
   */
  public static SecretMounter awsMounter(AwsSources aws, String defaultRegion) {
    SecretMounter.Builder builder = SecretMounter.builder().sources(aws::source);
    if (!defaultRegion.isEmpty()) {
      builder.defaultRegion(defaultRegion);
    }
    return builder.build();
  }

  /** Runs the agent until the process is stopped; exits with 1 when the first mount fails. */
  public static void main(String[] args) throws InterruptedException {
    if (args.length < 2) {
      System.err.println("usage: Main <spc.yaml> <directory> [<minutes>]");
      System.exit(2);
    }
    Duration interval = Duration.ofMinutes(args.length > 2 ? Long.parseLong(args[2]) : 5);
    String region = System.getenv().getOrDefault("AWS_REGION", "");
    CountDownLatch stopped = new CountDownLatch(1);
    try (AwsSources aws = AwsSources.builder().build();
        SecretMounter mounter = awsMounter(aws, region);
        SecretsAgent agent =
            SecretsAgent.builder(mounter, SecretProviderClassManifest.read(Path.of(args[0])))
                .defaultRegion(region)
                .directory(Path.of(args[1]))
                .interval(interval)
                .onRotation(secrets -> System.out.println("rotated: " + secrets))
                .start()) {
      for (ObjectVersion version : agent.mounted().versions()) {
        System.out.println(version.id() + " " + version.version());
      }
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      stopped.await();
    } catch (AscpException e) {
      System.err.println(e.code() + ": " + e.getMessage());
      System.exit(1);
    }
  }
}

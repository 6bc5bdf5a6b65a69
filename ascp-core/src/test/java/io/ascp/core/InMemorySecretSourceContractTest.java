// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import io.ascp.api.spi.SecretSource;
import io.ascp.testkit.ContractFixture;
import io.ascp.testkit.SecretSourceContractTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The testkit's SecretSource contract, run on the in-memory source built from its fixture. */
class InMemorySecretSourceContractTest extends SecretSourceContractTest {
  @Override
  protected SecretSource createSource(ContractFixture fixture) {
    InMemorySecretSource.Builder builder = InMemorySecretSource.builder();
    for (ContractFixture.SecretSpec secret : fixture.secrets()) {
      builder.secret(
          secret.name(),
          spec -> {
            for (ContractFixture.SecretVersionSpec version : secret.versions()) {
              String[] stages = version.stages().toArray(String[]::new);
              if (version.binary()) {
                spec.binaryVersion(version.versionId(), version.value(), stages);
              } else {
                spec.stringVersion(
                    version.versionId(),
                    new String(version.value(), java.nio.charset.StandardCharsets.UTF_8),
                    stages);
              }
            }
          });
    }
    for (ContractFixture.ParameterSpec parameter : fixture.parameters()) {
      builder.parameter(
          parameter.name(),
          spec -> {
            List<String> values = parameter.values();
            for (int v = 0; v < values.size(); v++) {
              List<String> labels = new ArrayList<>();
              for (Map.Entry<String, Long> label : parameter.labels().entrySet()) {
                if (label.getValue() == v + 1) {
                  labels.add(label.getKey());
                }
              }
              spec.version(values.get(v), labels.toArray(String[]::new));
            }
          });
    }
    return builder.build();
  }
}

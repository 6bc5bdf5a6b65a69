// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static io.ascp.api.ObjectType.SECRETS_MANAGER;
import static io.ascp.api.ObjectType.SSM_PARAMETER;
import static io.ascp.core.InMemorySecretSourceTest.MARKER;
import static io.ascp.core.InMemorySecretSourceTest.REGION;
import static io.ascp.core.InMemorySecretSourceTest.byLabel;
import static io.ascp.core.InMemorySecretSourceTest.byVersion;
import static io.ascp.core.InMemorySecretSourceTest.describe;
import static io.ascp.core.InMemorySecretSourceTest.failed;
import static io.ascp.core.InMemorySecretSourceTest.fetch;
import static io.ascp.core.InMemorySecretSourceTest.found;
import static io.ascp.core.InMemorySecretSourceTest.req;
import static io.ascp.core.InMemorySecretSourceTest.secret;
import static io.ascp.core.InMemorySecretSourceTest.text;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.JmesPathEntry;
import io.ascp.api.SecretObject;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.SecretValue;
import io.ascp.core.internal.JsonKeyExtractor;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeedFileParserTest {
  private static final String FULL_YAML =
      """
      # A comment.
      formatVersion: 1
      secrets:
        - name: plain
          value: plain-value
        - name: prod/app/db
          arn: arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/app/db-AbCdEf
          regions: [us-east-1, eu-west-1]
          value: '{"username":"u","password":"p","host":"h"}'
        - name: bin
          binary: |
            AAEC
            /w==
        - name: rotated
          versions:
            - versionId: v1
              value: one
            - versionId: v2
              value: two
            - value: three
              stages: [AWSPENDING]
            - versionId: v4
              binary: BAU=
              stages: []
      parameters:
        - name: /str
          value: s
        - name: /secure
          type: SecureString
          value: sec
        - name: /list
          type: StringList
          value: [a, b, c]
        - name: /joined
          type: StringList
          value: a,b
        - name: /flag
          arn: arn:aws:ssm:us-east-1:111122223333:parameter/flag
          regions: [us-east-1]
          versions:
            - value: "off"
              labels: [stable]
            - value: "on"
            - value: maybe
              labels: [stable, canary]
      """;

  private static final String FULL_JSON =
      """
      {
        "formatVersion": 1,
        "secrets": [
          {"name": "plain", "value": "plain-value"},
          {"name": "prod/app/db",
           "arn": "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/app/db-AbCdEf",
           "regions": ["us-east-1", "eu-west-1"],
           "value": "{\\"username\\":\\"u\\",\\"password\\":\\"p\\",\\"host\\":\\"h\\"}"},
          {"name": "bin", "binary": "AAEC/w=="},
          {"name": "rotated", "versions": [
            {"versionId": "v1", "value": "one"},
            {"versionId": "v2", "value": "two"},
            {"value": "three", "stages": ["AWSPENDING"]},
            {"versionId": "v4", "binary": "BAU=", "stages": []}]}
        ],
        "parameters": [
          {"name": "/str", "value": "s"},
          {"name": "/secure", "type": "SecureString", "value": "sec"},
          {"name": "/list", "type": "StringList", "value": ["a", "b", "c"]},
          {"name": "/joined", "type": "StringList", "value": "a,b"},
          {"name": "/flag", "arn": "arn:aws:ssm:us-east-1:111122223333:parameter/flag",
           "regions": ["us-east-1"],
           "versions": [{"value": "off", "labels": ["stable"]}, {"value": "on"},
                        {"value": "maybe", "labels": ["stable", "canary"]}]}
        ]
      }
      """;

  @TempDir Path tmp;

  private static void assertFullStore(InMemorySecretSource source) {
    assertThat(source).hasToString("InMemorySecretSource{secrets=4, parameters=5}");
    assertThat(text(secret(source, req("plain")))).isEqualTo("plain-value");
    SecretValue db =
        secret(
            source, req("arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/app/db-AbCdEf"));
    assertThat(db.name()).isEqualTo("prod/app/db");
    assertThat(
            failed(fetch(source, SECRETS_MANAGER, "ap-south-1", req("prod/app/db")).get(0)).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    SecretValue bin = secret(source, req("bin"));
    assertThat(bin.binary()).isTrue();
    assertThat(bin.contents()).containsExactly(0, 1, 2, 0xff);

    assertThat(secret(source, req("rotated")).version()).isEqualTo("v2");
    assertThat(text(secret(source, byLabel("rotated", "AWSPREVIOUS")))).isEqualTo("one");
    SecretValue pending = secret(source, byLabel("rotated", "AWSPENDING"));
    assertThat(text(pending)).isEqualTo("three");
    assertThat(pending.version()).matches("[0-9a-f-]{36}");
    SecretValue unstaged = secret(source, byVersion("rotated", "v4"));
    assertThat(unstaged.contents()).containsExactly(4, 5);
    assertThat(describe(source, "rotated", REGION).versionStages())
        .isEqualTo(
            Map.of(
                "v2",
                Set.of("AWSCURRENT"),
                "v1",
                Set.of("AWSPREVIOUS"),
                pending.version(),
                Set.of("AWSPENDING")));

    List<FetchResult> p =
        fetch(
            source,
            SSM_PARAMETER,
            REGION,
            req("/str"),
            req("/secure"),
            req("/list"),
            req("/joined"),
            req("/flag"),
            byLabel("/flag", "stable"),
            byVersion("/flag", "1"),
            req("arn:aws:ssm:us-east-1:111122223333:parameter/flag"));
    assertThat(p)
        .map(r -> text(found(r)))
        .containsExactly("s", "sec", "a,b,c", "a,b", "maybe", "maybe", "off", "maybe");
    assertThat(failed(fetch(source, SSM_PARAMETER, "eu-west-1", req("/flag")).get(0)))
        .hasMessage("400: eu-west-1: invalid parameters: /flag");
  }

  @Test
  void readsEveryFeatureFromYaml() {
    assertFullStore(InMemorySecretSource.fromString(FULL_YAML));
  }

  @Test
  void readsTheSameFromJson() {
    assertFullStore(InMemorySecretSource.fromString(FULL_JSON));
  }

  @Test
  void readsFilesAndStreams() throws IOException {
    Path yaml = Files.writeString(tmp.resolve("store.yaml"), FULL_YAML);
    Path json = Files.writeString(tmp.resolve("store.json"), "\uFEFF" + FULL_JSON);
    assertFullStore(InMemorySecretSource.fromFile(yaml));
    assertFullStore(InMemorySecretSource.fromFile(json));

    boolean[] closed = {false};
    InputStream in =
        new FilterInputStream(new ByteArrayInputStream(FULL_YAML.getBytes(UTF_8))) {
          @Override
          public void close() throws IOException {
            closed[0] = true;
            super.close();
          }
        };
    assertFullStore(InMemorySecretSource.fromStream(in));
    assertThat(closed[0]).as("the caller owns the stream").isFalse();
  }

  @Test
  void anEmptyStoreIsValid() {
    assertThat(InMemorySecretSource.fromString("formatVersion: 1\n"))
        .hasToString("InMemorySecretSource{secrets=0, parameters=0}");
    assertThat(InMemorySecretSource.fromString("{\"formatVersion\": \"1\", \"secrets\": []}"))
        .hasToString("InMemorySecretSource{secrets=0, parameters=0}");
  }

  @Test
  void theQuickStartDemoStoreCoversEveryFeature() throws IOException {
    Path file = Path.of("..", "examples", "quickstart", "demo-store.yaml");
    InMemorySecretSource source = InMemorySecretSource.fromFile(file);

    assertThat(text(secret(source, req("demo/greeting")))).isNotEmpty();
    SecretValue db = secret(source, req("prod/app/db"));
    SecretObject withKeys =
        SecretObject.builder("prod/app/db", SECRETS_MANAGER)
            .addJmesPath(JmesPathEntry.of("username", "user"))
            .addJmesPath(JmesPathEntry.of("password", "pass"))
            .addJmesPath(JmesPathEntry.of("host", "host"))
            .build();
    assertThat(JsonKeyExtractor.extract(withKeys, db.contents()))
        .map(b -> new String(b, UTF_8))
        .containsExactly("demo-user", "demo-password-not-real", "db.demo.local");
    assertThat(
            secret(
                    source,
                    req("arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/app/db-AbCdEf"))
                .name())
        .isEqualTo("prod/app/db");
    SecretValue bin = secret(source, req("demo/binary-keystore"));
    assertThat(bin.binary()).isTrue();
    assertThat(bin.contents()).contains((byte) 0xff);
    assertThat(text(secret(source, byLabel("demo/rotated-api-key", "AWSPREVIOUS"))))
        .isEqualTo("demo-api-key-v1");
    assertThat(text(secret(source, req("demo/rotated-api-key")))).isEqualTo("demo-api-key-v2");
    List<FetchResult> p =
        fetch(
            source,
            SSM_PARAMETER,
            REGION,
            req("/demo/app/log-level"),
            req("/demo/app/db-password"),
            req("/demo/app/allowed-hosts"),
            byLabel("/demo/app/feature-flag", "stable"),
            byVersion("/demo/app/feature-flag", "1"));
    assertThat(p)
        .map(r -> text(found(r)))
        .containsExactly(
            "info", "demo-secure-string-not-real", "a.demo.local,b.demo.local", "on", "off");

    // Types are not observable through the SPI; check the file declares each one.
    JsonNode tree = new YAMLMapper().readTree(file.toFile());
    List<String> types = new ArrayList<>();
    tree.get("parameters").forEach(n -> types.add(n.path("type").asText("String")));
    assertThat(types).contains("String", "SecureString", "StringList");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        // document level
        "~~|the document is empty; it needs at least formatVersion: 1",
        "~- a~|the document must be a mapping with formatVersion, secrets and parameters",
        "~secrets: []~|missing field \"formatVersion\" (this reader understands formatVersion: 1)",
        "~formatVersion: 2~|unsupported formatVersion (this reader understands formatVersion: 1)",
        "~formatVersion: 1\nextra: M4RK3R-s3cr3t~|unknown field \"extra\" (allowed: formatVersion, parameters, secrets)",
        "~formatVersion: 1\nsecrets: {name: x}~|field \"secrets\" must be a list",
        "~formatVersion: 1\nsecrets: [M4RK3R-s3cr3t]~|secrets[0]: an entry must be a mapping",
        // secrets
        "~formatVersion: 1\nsecrets: [{value: M4RK3R-s3cr3t}]~|secrets[0]: missing field \"name\"",
        "~formatVersion: 1\nsecrets: [{name: 12, value: M4RK3R-s3cr3t}]~|secrets[0]: field \"name\" must be a string (quote it)",
        "~formatVersion: 1\nsecrets: [{name: s, vaule: M4RK3R-s3cr3t}]~|secrets[0] \"s\": unknown field \"vaule\" (allowed: arn, binary, name, regions, value, versions)",
        "~formatVersion: 1\nsecrets: [{name: s, value: 0777}]~|secrets[0] \"s\": field \"value\" must be a string (quote it)",
        "~formatVersion: 1\nsecrets: [{name: s, value: true}]~|secrets[0] \"s\": field \"value\" must be a string (quote it)",
        "~formatVersion: 1\nsecrets: [{name: s}]~|secrets[0] \"s\": missing field \"value\", \"binary\" or \"versions\"",
        "~formatVersion: 1\nsecrets: [{name: s, value: M4RK3R-s3cr3t, versions: []}]~|secrets[0] \"s\": use either value/binary or versions, not both",
        "~formatVersion: 1\nsecrets: [{name: s, value: M4RK3R-s3cr3t, binary: AA==}]~|secrets[0] \"s\": use either value or binary, not both",
        "~formatVersion: 1\nsecrets: [{name: s, binary: M4RK3R-s3cr3t!}]~|secrets[0] \"s\": field \"binary\" is not valid base64",
        "~formatVersion: 1\nsecrets: [{name: s, versions: []}]~|secrets[0] \"s\": field \"versions\" must not be empty",
        "~formatVersion: 1\nsecrets: [{name: s, versions: [M4RK3R-s3cr3t]}]~|secrets[0] \"s\": versions[0]: a version must be a mapping",
        "~formatVersion: 1\nsecrets: [{name: s, versions: [{versionId: v1}]}]~|secrets[0] \"s\": versions[0]: missing field \"value\" or \"binary\"",
        "~formatVersion: 1\nsecrets: [{name: s, versions: [{value: M4RK3R-s3cr3t, stage: [x]}]}]~|secrets[0] \"s\": versions[0]: unknown field \"stage\" (allowed: binary, stages, value, versionId)",
        "~formatVersion: 1\nsecrets: [{name: s, versions: [{versionId: 'a b', value: M4RK3R-s3cr3t}]}]~|secrets[0] \"s\": versions[0]: field \"versionId\": invalid version id \"a b\": 1 to 64 letters, digits or any of ._- are allowed",
        "~formatVersion: 1\nsecrets: [{name: s, versions: [{versionId: v, value: M4RK3R-s3cr3t}, {versionId: v, value: M4RK3R-s3cr3t}]}]~|secrets[0] \"s\": versions[1]: field \"versionId\": secret \"s\" has two versions with id \"v\"",
        "~formatVersion: 1\nsecrets: [{name: s, versions: [{value: M4RK3R-s3cr3t, stages: [AWSPENDING]}]}]~|secrets[0] \"s\": secret \"s\" has no version with the stage AWSCURRENT",
        "~formatVersion: 1\nsecrets: [{name: s, versions: [{value: M4RK3R-s3cr3t, stages: [1]}]}]~|secrets[0] \"s\": versions[0]: item 0 of field \"stages\" must be a string (quote it)",
        "~formatVersion: 1\nsecrets: [{name: 'a b', value: M4RK3R-s3cr3t}]~|secrets[0] \"a b\": invalid secret name \"a b\": 1 to 512 letters, digits or any of /_+=.@- are allowed",
        "~formatVersion: 1\nsecrets: [{name: s, value: M4RK3R-s3cr3t, regions: [EU]}]~|secrets[0] \"s\": field \"regions\": invalid region \"EU\": lower-case letters, digits and - are allowed",
        "~formatVersion: 1\nsecrets: [{name: s, value: M4RK3R-s3cr3t, arn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:t-AbCdEf'}]~|secrets[0] \"s\": field \"arn\": invalid ARN \"arn:aws:secretsmanager:us-east-1:111122223333:secret:t-AbCdEf\" for secret \"s\": expected arn:<partition>:secretsmanager:<region>:<account>:secret:s-<6 letters or digits>",
        "~formatVersion: 1\nsecrets: [{name: s, value: M4RK3R-s3cr3t}, {name: s, value: M4RK3R-s3cr3t}]~|secrets[1] \"s\": duplicate secret \"s\": two entries with the same name or ARN need disjoint regions",
        // parameters
        "~formatVersion: 1\nparameters: [{name: /p, type: Text, value: M4RK3R-s3cr3t}]~|parameters[0] \"/p\": field \"type\" must be String, SecureString or StringList",
        "~formatVersion: 1\nparameters: [{name: /p, value: [a, b]}]~|parameters[0] \"/p\": field \"value\" may be a list only for a StringList",
        "~formatVersion: 1\nparameters: [{name: /p, type: StringList, value: ['a,M4RK3R-s3cr3t']}]~|parameters[0] \"/p\": item 0 of field \"value\" is empty or contains a comma",
        "~formatVersion: 1\nparameters: [{name: /p, type: StringList, value: []}]~|parameters[0] \"/p\": field \"value\" must not be an empty list",
        "~formatVersion: 1\nparameters: [{name: /p}]~|parameters[0] \"/p\": missing field \"value\" or \"versions\"",
        "~formatVersion: 1\nparameters: [{name: /p, value: M4RK3R-s3cr3t, versions: []}]~|parameters[0] \"/p\": use either value or versions, not both",
        "~formatVersion: 1\nparameters: [{name: /p, value: ''}]~|parameters[0] \"/p\": field \"value\": parameter \"/p\": a value must not be empty",
        "~formatVersion: 1\nparameters: [{name: /p, versions: [{labels: [x]}]}]~|parameters[0] \"/p\": versions[0]: missing field \"value\"",
        "~formatVersion: 1\nparameters: [{name: /p, versions: [{value: M4RK3R-s3cr3t, labels: [1x]}]}]~|parameters[0] \"/p\": versions[0]: field \"labels\": invalid label \"1x\": 1 to 100 letters, digits or any of ._-, not starting with a digit, aws or ssm",
        "~formatVersion: 1\nparameters: [{name: a/b, value: M4RK3R-s3cr3t}]~|parameters[0] \"a/b\": invalid parameter name \"a/b\": a name with a hierarchy must be fully qualified (start with /)",
        // syntax
        "~formatVersion: 1\nsecrets: [{name: s, value: 'M4RK3R-s3cr3t}]~|not valid YAML at line 2, column 11",
        "~formatVersion: 1\nformatVersion: 1~|a duplicate key at line 2, column 14",
        "~formatVersion: 1\n---\nformatVersion: 1~|not valid YAML at line 3, column 1",
        "~{\"formatVersion\": 1, \"secrets\": [{\"name\": \"s\", \"value\": M4RK3R-s3cr3t}]}~|not valid JSON at line 1, column 57",
        "~{\"formatVersion\": 1} M4RK3R-s3cr3t~|not valid JSON at line 1, column 22",
      })
  void invalidSeedsNameTheEntryAndTheFieldButNeverAValue(String seed, String problem) {
    AscpException e =
        catchThrowableOfType(
            AscpException.class, () -> InMemorySecretSource.fromString(seed.replace("\\n", "\n")));
    assertThat(e).as(seed).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS);
    assertThat(e).hasMessage("Invalid in-memory store seed <string>: " + problem);
    assertThat(e.getMessage()).doesNotContain(MARKER);
    assertThat(e.getCause()).isNull();
  }

  @Test
  void unreadableInputsAreInvalidParameters() throws IOException {
    Path missing = tmp.resolve("missing.yaml");
    assertThat(
            catchThrowableOfType(AscpException.class, () -> InMemorySecretSource.fromFile(missing)))
        .hasMessage("Cannot read the in-memory store seed " + missing + ": NoSuchFileException")
        .extracting(AscpException::code)
        .isEqualTo(ErrorCode.INVALID_PARAMETERS);

    byte[] latin1 =
        "formatVersion: 1\nsecrets: [{name: s, value: caf\u00e9}]"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(
            catchThrowableOfType(
                AscpException.class,
                () -> InMemorySecretSource.fromStream(new ByteArrayInputStream(latin1))))
        .hasMessage("Invalid in-memory store seed <stream>: the document is not valid UTF-8");

    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("disk on fire");
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            throw new IOException("disk on fire");
          }
        };
    assertThat(
            catchThrowableOfType(
                AscpException.class, () -> InMemorySecretSource.fromStream(failing)))
        .hasMessage("Cannot read the in-memory store seed <stream>: IOException");
  }

  @Test
  void yamlAliasBombsAreRejected() {
    StringBuilder yaml = new StringBuilder("formatVersion: 1\na: &a [x, x, x, x, x, x, x, x, x]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'k'; c++) {
      yaml.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        yaml.append(i == 0 ? "" : ", ").append('*').append(prev);
      }
      yaml.append("]\n");
      prev = c;
    }
    AscpException e =
        catchThrowableOfType(
            AscpException.class, () -> InMemorySecretSource.fromString(yaml.toString()));
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS);
  }
}

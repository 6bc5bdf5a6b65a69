// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.core.AttributeKeys;
import io.ascp.core.SecretProviderClassManifest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sample classes of {@code examples/classes}: every one passes {@code validate} without a
 * warning, together they use every parameter, every descriptor key and every documented Secret
 * type; the broken ones of {@code examples/classes/broken} fail with exactly the documented
 * messages.
 */
class ExampleClassesTest {
  private static final Path CLASSES = Path.of("../examples/classes");
  private static final Path BROKEN = CLASSES.resolve("broken");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int validate(List<Path> files) {
    List<String> args = new ArrayList<>();
    args.add("validate");
    files.forEach(f -> args.add(f.toString()));
    return ProviderCommand.execute(
        args,
        new PrintWriter(out, true),
        new PrintWriter(err, true),
        options -> {
          throw new AssertionError("the daemon must not start");
        },
        Map.of());
  }

  private static List<Path> yamlFiles(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  private static List<SecretProviderClassManifest> classes() throws Exception {
    List<SecretProviderClassManifest> all = new ArrayList<>();
    for (Path file : yamlFiles(CLASSES)) {
      all.addAll(SecretProviderClassManifest.readAll(file));
    }
    return all;
  }

  @Test
  void everySampleIsValidWithoutAWarning() throws Exception {
    List<Path> files = yamlFiles(CLASSES);
    assertThat(files).hasSizeGreaterThanOrEqualTo(9);

    assertThat(validate(files)).as("stderr: %s", err).isZero();

    assertThat(err.toString()).isEmpty();
    assertThat(out.toString())
        .endsWith(
            "Checked "
                + files.size()
                + " SecretProviderClasses in "
                + files.size()
                + " files: "
                + files.size()
                + " valid, 0 invalid, 0 warnings\n");
  }

  @Test
  void theSamplesUseEveryParameterEveryKeyAndEverySecretType() throws Exception {
    Set<String> parameters = new TreeSet<>();
    Set<String> types = new TreeSet<>();
    StringBuilder objects = new StringBuilder();
    for (SecretProviderClassManifest spc : classes()) {
      parameters.addAll(spc.parameters().keySet());
      objects.append(spc.parameters().getOrDefault(AttributeKeys.OBJECTS, ""));
      spc.secretObjects().forEach(s -> types.add(s.type()));
    }
    assertThat(parameters)
        .containsExactlyInAnyOrder(
            AttributeKeys.REGION,
            AttributeKeys.FAILOVER_REGION,
            AttributeKeys.OBJECTS,
            AttributeKeys.PATH_TRANSLATION,
            AttributeKeys.USE_POD_IDENTITY,
            AttributeKeys.PREFERRED_ADDRESS_TYPE);
    Set<String> keys = new TreeSet<>();
    Matcher key = Pattern.compile("^\\s*(?:- )?([A-Za-z]+):", Pattern.MULTILINE).matcher(objects);
    while (key.find()) {
      keys.add(key.group(1));
    }
    assertThat(keys)
        .containsExactlyInAnyOrder(
            "objectName",
            "objectType",
            "objectAlias",
            "objectVersion",
            "objectVersionLabel",
            "filePermission",
            "jmesPath",
            "path",
            "failoverObject");
    assertThat(types).containsExactlyInAnyOrderElementsOf(SecretObjectsCheck.DOCUMENTED_TYPES);
  }

  @Test
  void theBrokenSamplesFailWithTheseMessages() throws Exception {
    Path parameters = BROKEN.resolve("parameters.yaml");
    Path secretObjects = BROKEN.resolve("secret-objects.yaml");

    assertThat(validate(List.of(parameters, secretObjects))).isEqualTo(1);

    String p = "SecretProviderClass %s in " + parameters + ": ";
    String s = "SecretProviderClass bad-secret-objects in " + secretObjects + ": ";
    assertThat(err.toString().lines())
        .containsExactly(
            "error: " + p.formatted("wrong-object-type") + "Invalid objectType: SecretsManager",
            "error: "
                + p.formatted("arn-in-another-region")
                + "ARN region must match region us-east-1:"
                + " arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/app/db-AbCdEf",
            "error: " + p.formatted("unquoted-permission") + "Invalid File Permission: 384",
            "error: "
                + p.formatted("failover-without-region")
                + "failover object allowed only when failover region is defined: prod/app/db",
            "error: "
                + p.formatted("same-failover-region")
                + "us-east-1: failover region cannot be the same as the primary region",
            "error: "
                + p.formatted("pod-identity-yes")
                + "failed to parse usePodIdentity value, error: strconv.ParseBool: parsing"
                + " \"yes\": invalid syntax",
            "error: " + p.formatted("duplicate-file") + "found duplicate object alias db",
            "error: " + p.formatted("traversal") + "path can not contain ../: prod/app/db",
            "warning: "
                + p.formatted("no-region")
                + "no region parameter and no --region: the regions of ARNs in objectName are"
                + " not checked",
            "error: " + s + "secretObjects[0] \"no-type\": secret type is empty",
            "warning: "
                + s
                + "secretObjects[1] \"custom-type\": type \"example.com/settings\" is not one of"
                + " the documented Secret types (Opaque, kubernetes.io/service-account-token,"
                + " kubernetes.io/dockercfg, kubernetes.io/dockerconfigjson,"
                + " kubernetes.io/basic-auth, kubernetes.io/ssh-auth, kubernetes.io/tls,"
                + " bootstrap.kubernetes.io/token)",
            "error: "
                + s
                + "secretObjects[2] \"wrong-file\" data[0]: file matching objectName"
                + " \"prod/db/credentials\" not found in the pod: the class produces no such file",
            "error: "
                + s
                + "secretObjects[3] \"web-tls\" data[1]: key 'ca.crt' is not supported. Only"
                + " 'tls.key' and 'tls.crt' are supported",
            "error: "
                + s
                + "secretObjects[3] \"web-tls\": a kubernetes.io/tls Secret needs the keys tls.crt"
                + " and tls.key; missing: tls.key",
            "error: "
                + s
                + "secretObjects[4] \"db-auth\": a kubernetes.io/basic-auth Secret needs the key"
                + " username or password",
            "error: "
                + s
                + "secretObjects[5] \"deploy-key\": a kubernetes.io/ssh-auth Secret needs the key"
                + " ssh-privatekey",
            "error: "
                + s
                + "secretObjects[6] \"registry\": a kubernetes.io/dockerconfigjson Secret needs the"
                + " key .dockerconfigjson",
            "error: "
                + s
                + "secretObjects[7] \"registry-legacy\": a kubernetes.io/dockercfg Secret needs"
                + " the key .dockercfg",
            "warning: "
                + s
                + "secretObjects[8] \"bootstrap-token-abcdef\": a bootstrap.kubernetes.io/token"
                + " Secret needs the keys token-id and token-secret; missing: token-secret",
            "error: "
                + s
                + "secretObjects[9] \"runner-token\": a kubernetes.io/service-account-token Secret"
                + " needs the annotation kubernetes.io/service-account.name",
            "error: "
                + s
                + "secretObjects[10] \"Not_A_Valid_Name\": secret name is not a valid Kubernetes"
                + " name (lower-case letters, digits, '-' and '.', at most 253 characters)",
            "error: "
                + s
                + "secretObjects[10] \"Not_A_Valid_Name\" data[0]: key \"a key\" is not a valid"
                + " Secret key (letters, digits, '-', '_' and '.')",
            "warning: "
                + s
                + "secretObjects[10] \"Not_A_Valid_Name\" data[2]: key \"pem\" is given twice;"
                + " the last entry wins",
            "error: " + s + "secretObjects[11]: secret name is empty",
            "error: " + s + "secretObjects[11]: data is empty",
            "error: " + s + "secretObjects[12] \"no-data\": data is empty");
    assertThat(out.toString())
        .endsWith("Checked 10 SecretProviderClasses in 2 files: 1 valid, 9 invalid, 4 warnings\n");
  }
}

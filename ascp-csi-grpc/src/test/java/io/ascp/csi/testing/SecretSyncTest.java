// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.ascp.csi.v1alpha1.File;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The driver's Secret sync, over files written with the driver's rules. */
class SecretSyncTest {
  @TempDir static Path keys;
  @TempDir Path target;

  /** A self-signed EC certificate and its key, made by the JDK's keytool. */
  static Certificate certificate;

  static PrivateKey certificateKey;

  @BeforeAll
  static void keytool() throws Exception {
    Path store = keys.resolve("web.p12");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-alias",
                "web",
                "-dname",
                "CN=web.example.test",
                "-validity",
                "3650")
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    certificate = ks.getCertificate("web");
    Key key = ks.getKey("web", "changeit".toCharArray());
    certificateKey = (PrivateKey) key;
  }

  private PodVolume volume() {
    return PodVolume.builder()
        .pod("shop", "web-0", "uid")
        .secretProviderClass("spc", Map.of("objects", "x"))
        .targetPath(target)
        .build();
  }

  private void mount(Map<String, byte[]> files) throws Exception {
    List<File> payload = new ArrayList<>();
    files.forEach(
        (path, contents) ->
            payload.add(
                File.newBuilder()
                    .setPath(path)
                    .setMode(0644)
                    .setContents(ByteString.copyFrom(contents))
                    .build()));
    new DriverPayloadWriter().write(target, payload);
  }

  private static byte[] pem(String type, byte[] der) {
    return TlsSplit.Pem.encode(type, der);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Opaque",
        "kubernetes.io/basic-auth",
        "bootstrap.kubernetes.io/token",
        "kubernetes.io/dockerconfigjson",
        "kubernetes.io/dockercfg",
        "kubernetes.io/ssh-auth",
        "kubernetes.io/service-account-token",
        "example.com/custom"
      })
  void everyTypeButTlsCopiesTheFilesAsTheyAre(String type) throws Exception {
    mount(Map.of("user", "admin".getBytes(UTF_8), "creds/password", new byte[] {0, (byte) 0xff}));
    SyncResult result =
        SecretSync.sync(
            volume(),
            List.of(
                SecretObjectSpec.builder(" db ", " " + type)
                    .data("user", "username")
                    .data(" creds/password ", " password ")
                    .label("app", "web")
                    .annotation("note", "synced")
                    .build()));
    assertThat(result.errors()).isEmpty();
    SyncedSecret secret = result.secret("db");
    assertThat(secret.namespace()).isEqualTo("shop");
    assertThat(secret.type()).isEqualTo(type);
    assertThat(secret.keys()).containsExactly("password", "username");
    assertThat(secret.dataAsString("username")).isEqualTo("admin");
    assertThat(secret.data("password")).containsExactly(0, (byte) 0xff);
    assertThat(secret.labels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("app", "web", "secrets-store.csi.k8s.io/managed", "true"));
    assertThat(secret.annotations()).containsExactly(Map.entry("note", "synced"));
    assertThat(secret.toString()).contains("username (5 bytes)").doesNotContain("admin");
  }

  @Test
  void aTypeOfBlanksIsOpaqueAndARepeatedKeyKeepsItsLastValue() throws Exception {
    mount(Map.of("a", "1".getBytes(UTF_8), "b", "2".getBytes(UTF_8)));
    SyncedSecret secret =
        SecretSync.sync(
                volume(),
                List.of(SecretObjectSpec.builder("s", " ").data("a", "k").data("b", "k").build()))
            .secret("s");
    assertThat(secret.type()).isEqualTo("Opaque");
    assertThat(secret.dataAsString("k")).isEqualTo("2");
  }

  @Test
  void invalidEntriesAreSkippedWithTheDriversMessages() throws Exception {
    mount(Map.of("a", "1".getBytes(UTF_8)));
    SyncResult result =
        SecretSync.sync(
            volume(),
            List.of(
                SecretObjectSpec.builder("", "Opaque").data("a", "k").build(),
                SecretObjectSpec.builder("s", "").data("a", "k").build(),
                SecretObjectSpec.builder("s", "Opaque").build(),
                SecretObjectSpec.builder("s", "Opaque").data(" ", "k").build(),
                SecretObjectSpec.builder("s", "Opaque").data("a", " ").build(),
                SecretObjectSpec.builder("s", "Opaque").data("missing", "k").build(),
                SecretObjectSpec.builder("t", "kubernetes.io/tls").data("a", "ca.crt").build(),
                SecretObjectSpec.builder("ok", "Opaque").data("a", "k").build()));
    assertThat(result.secrets()).extracting(SyncedSecret::name).containsExactly("ok");
    assertThat(result.errors())
        .containsExactly(
            "failed to validate secret object in spc shop/spc, err: secret name is empty",
            "failed to validate secret object in spc shop/spc, err: secret type is empty",
            "failed to validate secret object in spc shop/spc, err: data is empty",
            "failed to get data in spc shop/spc for secret s, err: object name in"
                + " secretObjects.data",
            "failed to get data in spc shop/spc for secret s, err: key in secretObjects.data is"
                + " empty",
            "failed to get data in spc shop/spc for secret s, err: file matching objectName"
                + " missing not found in the pod",
            "failed to get data in spc shop/spc for secret t, err: failed to get cert data from"
                + " file "
                + target.resolve("..data/a")
                + ", err: key 'ca.crt' is not supported. Only 'tls.key' and 'tls.crt' are"
                + " supported");
  }

  @Test
  void tlsSplitsAPemBundleIntoTheCertificatesAndAnEcKey() throws Exception {
    byte[] cert = pem("CERTIFICATE", certificate.getEncoded());
    byte[] bundle =
        concat(
            "junk before\r\n".getBytes(US_ASCII),
            cert,
            pem("PRIVATE KEY", certificateKey.getEncoded()),
            cert,
            "trailing junk".getBytes(US_ASCII));
    mount(Map.of("web.pem", bundle));
    SyncedSecret secret =
        SecretSync.sync(
                volume(),
                List.of(
                    SecretObjectSpec.builder("web-tls", "kubernetes.io/tls")
                        .data("web.pem", "tls.crt")
                        .data("web.pem", "tls.key")
                        .build()))
            .secret("web-tls");
    assertThat(secret.data("tls.crt")).isEqualTo(concat(cert, cert));
    String key = secret.dataAsString("tls.key");
    assertThat(key)
        .startsWith("-----BEGIN EC PRIVATE KEY-----\n")
        .endsWith("-----END EC PRIVATE KEY-----\n");
    assertEcKey(der(key), "1.2.840.10045.3.1.7", (ECPublicKey) certificate.getPublicKey(), 32);
  }

  @ParameterizedTest
  @ValueSource(strings = {"secp256r1", "secp384r1", "secp521r1"})
  void anEcKeyBecomesSec1WithTheCurveAndThePublicPointGoComputes(String curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve));
    KeyPair pair = g.generateKeyPair();
    byte[] sec1 =
        der(
            new String(
                TlsSplit.privateKey(pem("PRIVATE KEY", pair.getPrivate().getEncoded())), US_ASCII));
    String oid =
        switch (curve) {
          case "secp256r1" -> "1.2.840.10045.3.1.7";
          case "secp384r1" -> "1.3.132.0.34";
          default -> "1.3.132.0.35";
        };
    int size =
        switch (curve) {
          case "secp256r1" -> 32;
          case "secp384r1" -> 48;
          default -> 66;
        };
    assertEcKey(sec1, oid, (ECPublicKey) pair.getPublic(), size);
    // SEC 1 in, the same SEC 1 out.
    assertThat(TlsSplit.privateKey(pem("EC PRIVATE KEY", sec1)))
        .isEqualTo(pem("EC PRIVATE KEY", sec1));
  }

  private static void assertEcKey(byte[] sec1, String oid, ECPublicKey expected, int size)
      throws Exception {
    TlsSplit.Der.Reader seq = TlsSplit.Der.Reader.whole(sec1).sequence();
    assertThat(seq.integer()).isEqualTo(BigInteger.ONE);
    assertThat(seq.octetString()).hasSize(size);
    assertThat(seq.explicit(0xa0).oid()).isEqualTo(oid);
    byte[] point = seq.explicit(0xa1).bitString();
    assertThat(point[0]).isEqualTo((byte) 4);
    assertThat(new BigInteger(1, java.util.Arrays.copyOfRange(point, 1, 1 + size)))
        .isEqualTo(expected.getW().getAffineX());
    assertThat(new BigInteger(1, java.util.Arrays.copyOfRange(point, 1 + size, 1 + 2 * size)))
        .isEqualTo(expected.getW().getAffineY());
  }

  @Test
  void anRsaKeyBecomesPkcs1() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair pair = g.generateKeyPair();
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    TlsSplit.Der.Reader info = TlsSplit.Der.Reader.whole(pkcs8).sequence();
    info.integer();
    info.sequence();
    byte[] pkcs1 = info.octetString();

    assertThat(TlsSplit.privateKey(pem("PRIVATE KEY", pkcs8)))
        .isEqualTo(pem("RSA PRIVATE KEY", pkcs1));
    assertThat(TlsSplit.privateKey(pem("RSA PRIVATE KEY", pkcs1)))
        .isEqualTo(pem("RSA PRIVATE KEY", pkcs1));
  }

  @Test
  void otherKeyTypesFailAndUnreadableKeysGiveAnEmptyBlock() throws Exception {
    KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    assertThatThrownBy(() -> TlsSplit.privateKey(pem("PRIVATE KEY", ed.getPrivate().getEncoded())))
        .hasMessage(
            "unknown private key type found while getting key. Only rsa and ecdsa are supported");
    assertThat(new String(TlsSplit.privateKey(pem("PRIVATE KEY", new byte[] {1, 2, 3})), US_ASCII))
        .isEqualTo("-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n");
  }

  @Test
  void aFileWithoutPemBlocksIsReadAsPasswordlessPkcs12() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("web", certificateKey, new char[0], new Certificate[] {certificate});
    ByteArrayOutputStream pfx = new ByteArrayOutputStream();
    store.store(pfx, new char[0]);

    assertThat(TlsSplit.certificates(pfx.toByteArray()))
        .isEqualTo(pem("CERTIFICATE", certificate.getEncoded()));
    assertEcKey(
        der(new String(TlsSplit.privateKey(pfx.toByteArray()), US_ASCII)),
        "1.2.840.10045.3.1.7",
        (ECPublicKey) certificate.getPublicKey(),
        32);
    assertThatThrownBy(() -> TlsSplit.certificates("not a bundle".getBytes(US_ASCII)))
        .hasMessageStartingWith("pkcs12: ");
  }

  @Test
  void theCurveParametersOfTheJdkAreConsistent() throws Exception {
    for (String curve : List.of("secp256r1", "secp384r1", "secp521r1")) {
      var spec = TlsSplit.Keys.curve(curve);
      assertThat(TlsSplit.Ec.multiply(spec, spec.getOrder()))
          .isEqualTo(java.security.spec.ECPoint.POINT_INFINITY);
    }
  }

  private static byte[] der(String pem) {
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replace("\n", "");
    return Base64.getDecoder().decode(body);
  }
}

// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.TlsTrustManagersProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * Builds the one sync HTTP client of the AWS calls: the SDK's Apache HttpClient 4 client, chosen
 * over the {@code HttpURLConnection} client by measurement (docs/performance.md, "HTTP client
 * choice"): its pool keeps as many connections as the fetch parallelism needs, where {@code
 * HttpURLConnection} keeps 5 per host and opens (in production: TLS-handshakes) a new one for every
 * call above that.
 */
final class HttpClients {
  private HttpClients() {}

  @SuppressWarnings("deprecation") // see the class comment
  static SdkHttpClient create(AwsSourcesConfig config) {
    ApacheHttpClient.Builder b =
        ApacheHttpClient.builder()
            .maxConnections(config.maxConnections())
            .connectionTimeout(config.connectTimeout())
            .socketTimeout(config.readTimeout());
    if (config.caBundle().isPresent()) {
      TrustManager[] managers = trustManagers(config.caBundle().get());
      b.tlsTrustManagersProvider(tlsTrust(managers));
    }
    return b.build();
  }

  private static TlsTrustManagersProvider tlsTrust(TrustManager[] managers) {
    return () -> managers.clone();
  }

  /**
   * Trust managers that accept the JVM's default trust anchors and every certificate of the PEM
   * file {@code caBundle}.
   *
   * @throws IllegalArgumentException when the file cannot be read or holds no certificate
   */
  static TrustManager[] trustManagers(Path caBundle) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      TrustManagerFactory defaults =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      defaults.init((KeyStore) null);
      for (TrustManager tm : defaults.getTrustManagers()) {
        if (tm instanceof X509TrustManager x509) {
          for (X509Certificate c : x509.getAcceptedIssuers()) {
            store.setCertificateEntry("jvm-" + n++, c);
          }
        }
      }
      Collection<? extends Certificate> bundle;
      try (InputStream in = Files.newInputStream(caBundle)) {
        bundle = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (bundle.isEmpty()) {
        throw new IllegalArgumentException("the CA bundle " + caBundle + " holds no certificate");
      }
      int m = 0;
      for (Certificate c : bundle) {
        store.setCertificateEntry("bundle-" + m++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      return tmf.getTrustManagers();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "the CA bundle " + caBundle + " cannot be read: " + e.getMessage(),
          new UncheckedIOException(e));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the CA bundle " + caBundle + " is not a PEM file of certificates: " + e.getMessage(), e);
    }
  }
}

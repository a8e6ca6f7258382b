package io.cutover.activities.clusterlink;

import io.cutover.activities.credentials.RestCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** TLS trust for the REST client: system roots, a PEM CA bundle, or (testing only) no checks. */
final class TlsSupport {
  private static final Logger LOG = LoggerFactory.getLogger(TlsSupport.class);

  private TlsSupport() {}

  /**
   * Applies the trust settings of {@code creds} to {@code builder}; system roots when none are set.
   */
  static void configure(OkHttpClient.Builder builder, RestCredentials creds) {
    if (creds.insecureSkipVerify()) {
      LOG.warn(
          "TLS verification of the destination REST endpoint is switched off (insecureSkipVerify); use it for testing only");
      X509TrustManager trustAll = new TrustAll();
      builder.sslSocketFactory(context(trustAll).getSocketFactory(), trustAll);
      builder.hostnameVerifier((host, session) -> true);
      return;
    }
    String ca = creds.caCertPath();
    if (ca != null && !ca.isBlank()) {
      X509TrustManager tm = trustManagerFor(Path.of(ca.trim()));
      builder.sslSocketFactory(context(tm).getSocketFactory(), tm);
    }
  }

  private static X509TrustManager trustManagerFor(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw ClusterLinkException.invalid(
            "CA file "
                + pem
                + " holds no PEM certificate: point caCertPath at the CA bundle that signed the REST endpoint's certificate");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate cert : certs) {
        store.setCertificateEntry("ca-" + i++, cert);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw ClusterLinkException.invalid("no X.509 trust manager available for CA file " + pem);
    } catch (NoSuchFileException e) {
      throw ClusterLinkException.invalid(
          "CA file "
              + pem
              + " does not exist: fix caCertPath in the destination's REST credentials");
    } catch (IOException | GeneralSecurityException e) {
      throw ClusterLinkException.invalid(
          "cannot read CA file "
              + pem
              + " as PEM certificates ("
              + e.getMessage()
              + "): point caCertPath at a PEM CA bundle");
    }
  }

  private static SSLContext context(X509TrustManager tm) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {tm}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available in this JVM", e);
    }
  }

  /** Accepts every certificate: what insecureSkipVerify asks for. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}

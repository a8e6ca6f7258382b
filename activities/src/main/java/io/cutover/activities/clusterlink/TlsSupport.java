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
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS for the REST client: trust (system roots, a PEM CA bundle, or, testing only, no checks) and,
 * for the mTLS form, the client certificate and key presented to the server.
 */
final class TlsSupport {
  private static final Logger LOG = LoggerFactory.getLogger(TlsSupport.class);

  private TlsSupport() {}

  /**
   * Applies the TLS settings of {@code creds} to {@code builder}; OkHttp's defaults (system roots,
   * no client certificate) when none are set.
   */
  static void configure(OkHttpClient.Builder builder, RestCredentials creds) {
    KeyManager[] keys =
        creds.auth() instanceof RestCredentials.ClientCertificate cc ? ClientKeys.of(cc) : null;
    X509TrustManager trust;
    if (creds.insecureSkipVerify()) {
      LOG.warn(
          "TLS verification of the destination REST endpoint is switched off (insecureSkipVerify); use it for testing only");
      trust = new TrustAll();
      builder.hostnameVerifier((host, session) -> true);
    } else if (!creds.caCertPath().isBlank()) {
      trust = trustManagerFor(Path.of(creds.caCertPath().trim()));
    } else if (keys != null) {
      // A client certificate needs an SSLContext of our own, which must be given the system
      // trust explicitly.
      trust = trustManager(null, "the system trust store");
    } else {
      return;
    }
    builder.sslSocketFactory(context(keys, trust).getSocketFactory(), trust);
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
      return trustManager(store, "CA file " + pem);
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

  /** The X.509 trust manager over {@code store}; null for the system trust store. */
  private static X509TrustManager trustManager(KeyStore store, String what) {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x509) {
          return x509;
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no X.509 trust manager for " + what, e);
    }
    throw ClusterLinkException.invalid("no X.509 trust manager available for " + what);
  }

  private static SSLContext context(KeyManager[] keys, X509TrustManager tm) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keys, new TrustManager[] {tm}, null);
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

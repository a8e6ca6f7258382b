package io.cutover.activities.clusterlink;

import io.cutover.activities.credentials.CredentialException;
import io.cutover.activities.credentials.PemFiles;
import io.cutover.activities.credentials.RestCredentials;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * The key managers that present an mTLS client certificate: the PEM certificate chain and the PEM
 * PKCS#8 private key (RSA or EC), held in an in-memory key store only. Errors name the field and
 * the file, never what the file holds.
 */
final class ClientKeys {
  private static final String LABEL = "REST credentials";

  private ClientKeys() {}

  static KeyManager[] of(RestCredentials.ClientCertificate cc) {
    List<X509Certificate> chain;
    PrivateKey key;
    try {
      chain = PemFiles.certificates(Path.of(cc.certPath()), "mtls.client_cert", LABEL);
      key = PemFiles.privateKey(Path.of(cc.keyPath()), "mtls.client_key", LABEL);
    } catch (CredentialException e) {
      throw ClusterLinkException.invalid(e.getMessage());
    }
    try {
      // The store never leaves memory; its password only satisfies the KeyStore API.
      byte[] random = new byte[18];
      new SecureRandom().nextBytes(random);
      char[] password = Base64.getEncoder().encodeToString(random).toCharArray();
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("client", key, password, chain.toArray(new X509Certificate[0]));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, password);
      return kmf.getKeyManagers();
    } catch (GeneralSecurityException | java.io.IOException e) {
      // The JVM could not hold this key and chain together (a key that does not belong to the
      // certificate is only found out by the server, at the handshake).
      throw ClusterLinkException.invalid(
          LABEL
              + ": mtls: the key in "
              + cc.keyPath()
              + " and the certificate in "
              + cc.certPath()
              + " cannot be used together ("
              + e.getClass().getSimpleName()
              + "): client_key must be the private key of client_cert's first certificate");
    }
  }
}

package io.cutover.activities.credentials;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/** A real RSA key and self-signed certificate for tests, made with the JDK's keytool. */
final class TestPem {
  private TestPem() {}

  /**
   * Writes {@code client.crt} (PEM certificate) and {@code client.key} (PEM PKCS#8 key) into {@code
   * dir}.
   */
  static void write(Path dir) throws Exception {
    Path store = dir.resolve("client.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p =
        new ProcessBuilder(
                keytool,
                "-genkeypair",
                "-alias",
                "client",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=cutover-test",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed");
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(store.toFile())) {
      ks.load(in, "changeit".toCharArray());
    }
    Key key = ks.getKey("client", "changeit".toCharArray());
    Certificate cert = ks.getCertificate("client");
    Files.writeString(dir.resolve("client.key"), pem("PRIVATE KEY", key.getEncoded()));
    Files.writeString(dir.resolve("client.crt"), pem("CERTIFICATE", cert.getEncoded()));
    Files.delete(store);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(UTF_8)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}

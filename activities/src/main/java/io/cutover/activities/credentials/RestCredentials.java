package io.cutover.activities.credentials;

import java.util.Objects;

/**
 * How the REST v3 client authenticates and which TLS peers it trusts. {@link #toString()} never
 * shows a password or token (nor does that of any {@link Auth}).
 *
 * @param auth the authentication form
 * @param caCertPath PEM CA bundle to trust instead of the system roots; empty for system roots
 * @param insecureSkipVerify skip TLS verification (testing only)
 */
public record RestCredentials(Auth auth, String caCertPath, boolean insecureSkipVerify) {

  /** The authentication forms of kcp's REST credentials (#420). */
  public enum Kind {
    NONE,
    BASIC,
    BEARER,
    MTLS
  }

  /** One authentication form. */
  public sealed interface Auth permits NoAuth, Basic, Bearer, ClientCertificate {
    Kind kind();
  }

  /** No credentials: no Authorization header, no client certificate. */
  public record NoAuth() implements Auth {
    @Override
    public Kind kind() {
      return Kind.NONE;
    }
  }

  /**
   * HTTP Basic: a Confluent Cloud API key and secret ({@code api_key}/{@code api_secret}, or
   * derived from the destination's sasl_plain), or a Confluent Platform user ({@code basic}).
   */
  public record Basic(String username, String password) implements Auth {
    public Basic {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public Kind kind() {
      return Kind.BASIC;
    }

    @Override
    public String toString() {
      return "Basic[username=" + username + ", password=<redacted>]";
    }
  }

  /** {@code Authorization: Bearer <token>}: a Confluent Platform MDS (RBAC) token. */
  public record Bearer(String token) implements Auth {
    public Bearer {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public Kind kind() {
      return Kind.BEARER;
    }

    @Override
    public String toString() {
      return "Bearer[token=<redacted>]";
    }
  }

  /**
   * A TLS client certificate (mTLS). Only paths are held: the private key is read when the HTTP
   * client is built, and never kept here.
   *
   * @param certPath PEM certificate chain, the client's certificate first
   * @param keyPath PEM unencrypted PKCS#8 private key (RSA or EC)
   */
  public record ClientCertificate(String certPath, String keyPath) implements Auth {
    public ClientCertificate {
      Objects.requireNonNull(certPath, "certPath");
      Objects.requireNonNull(keyPath, "keyPath");
    }

    @Override
    public Kind kind() {
      return Kind.MTLS;
    }
  }

  public RestCredentials {
    Objects.requireNonNull(auth, "auth");
    caCertPath = caCertPath == null ? "" : caCertPath;
  }

  /** No credentials, system trust. */
  public static RestCredentials none() {
    return new RestCredentials(new NoAuth(), "", false);
  }

  /** HTTP Basic, system trust. */
  public static RestCredentials basic(String username, String password) {
    return new RestCredentials(new Basic(username, password), "", false);
  }

  /** A bearer token, system trust. */
  public static RestCredentials bearer(String token) {
    return new RestCredentials(new Bearer(token), "", false);
  }

  /** A client certificate, system trust. */
  public static RestCredentials mtls(String certPath, String keyPath) {
    return new RestCredentials(new ClientCertificate(certPath, keyPath), "", false);
  }

  /** The same authentication with other trust options. */
  public RestCredentials withTrust(String caCertPath, boolean insecureSkipVerify) {
    return new RestCredentials(auth, caCertPath, insecureSkipVerify);
  }

  public Kind kind() {
    return auth.kind();
  }
}

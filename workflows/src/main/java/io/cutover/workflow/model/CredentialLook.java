package io.cutover.workflow.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a credential written where no credential belongs: one detector for the manifest (CLI),
 * the plan (worker VALIDATE and the reinit Update validator), Gateway CRs and error messages. It
 * describes what it found by kind ("user info in a URL"), never by value, and its rules are plain
 * regular expressions, so the workflow may call it (deterministic, no I/O).
 */
public final class CredentialLook {
  private CredentialLook() {}

  // scheme://user[:password]@host: user info in a URL (REST endpoint, SASL_SSL://..., kubeconfig
  // URL).
  private static final Pattern URL_USERINFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+._-]*://)([^/\\s?#@\"']+)@");
  // user:password@host:port written without a scheme (a bootstrap entry).
  private static final Pattern BARE_USERINFO =
      Pattern.compile("^\\s*([^\\s:/@\"']+:[^\\s/@\"']+)@[^\\s/@]+\\s*$");
  private static final String SECRET_WORD =
      "(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|sig|signature|credentials?|auth|key)";
  // ?api_key=...&token=... in a query string.
  private static final Pattern QUERY_SECRET =
      Pattern.compile("(?i)([?&;][a-z0-9_.-]*" + SECRET_WORD + "=)([^&#\\s\"']+)");
  private static final Pattern JAAS =
      Pattern.compile("(?is)(LoginModule\\b.*\\brequired\\b|sasl\\.jaas\\.config)");
  private static final Pattern PEM_KEY =
      Pattern.compile(
          "-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:.*?-----END [A-Z0-9 ]*PRIVATE KEY-----)?",
          Pattern.DOTALL);
  // ssl.truststore.password=changeit, -Dx.secret=..., password="..." (JAAS): a secret setting
  // inside a text.
  private static final Pattern SETTING =
      Pattern.compile(
          "(?i)((?:^|[\\s;,\"'{(-])[a-z0-9_.-]*(?:password|passwd|secret|token|api[._-]?key|apikey)\\s*=\\s*)"
              + "(\"[^\"]+\"|'[^']+'|[^\\s;,&\"'}]+)");
  // "password": "x" (JSON) inside an error text. The key must be quoted: our own problems read
  // "spec...password: must not be empty", which is not a value.
  private static final Pattern KEYED_TEXT =
      Pattern.compile(
          "(?i)([\"'][a-z0-9_.-]*(?:password|passwd|secret|token|apikey|api_key|privatekey|private_key)[\"']\\s*:\\s*)"
              + "(\"[^\"]*\"|'[^']*'|[^\\s,}\\]]+)");
  private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{[A-Za-z_][A-Za-z0-9_]*\\}$");
  // Key suffixes (lower case, without _ - .) whose value is a secret; *Ref, *Name, *File, *Uri keys
  // are not.
  // Not "credentials": in a manifest that key holds a path or a reference.
  private static final List<String> SECRET_KEY_SUFFIXES =
      List.of(
          "password",
          "passwd",
          "secret",
          "token",
          "apikey",
          "privatekey",
          "jaasconfig",
          "authorization",
          "bearer");

  /** What a value holds, as said in a problem: never the value. */
  public static Optional<String> inValue(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    if (PEM_KEY.matcher(value).find()) {
      return Optional.of("a PEM private key");
    }
    if (URL_USERINFO.matcher(value).find() || BARE_USERINFO.matcher(value).matches()) {
      return Optional.of("user info (user:password@) in an address");
    }
    if (QUERY_SECRET.matcher(value).find()) {
      return Optional.of("a credential in a URL query string");
    }
    if (JAAS.matcher(value).find()) {
      return Optional.of("an inline JAAS configuration");
    }
    if (SETTING.matcher(value).find()) {
      return Optional.of("a password/secret/token setting");
    }
    return Optional.empty();
  }

  /**
   * What the value of {@code key} holds: {@link #inValue} or, when the key itself names a secret
   * (password, apiSecret, authToken, ...) and the value is a literal, "a literal ... value".
   */
  public static Optional<String> inField(String key, String value) {
    Optional<String> found = inValue(value);
    if (found.isPresent()
        || value == null
        || value.isBlank()
        || PLACEHOLDER.matcher(value.trim()).matches()) {
      return found;
    }
    return secretKey(key)
        ? Optional.of("a literal value for the secret field \"" + key + "\"")
        : Optional.empty();
  }

  /**
   * Whether a key or an environment variable name names a secret ({@code KAFKA_PASSWORD}, {@code
   * authToken}).
   */
  public static boolean secretKey(String key) {
    if (key == null) {
      return false;
    }
    String k = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    return SECRET_KEY_SUFFIXES.stream().anyMatch(k::endsWith);
  }

  /**
   * {@code text} with every credential-looking part replaced by {@code ***}: for error messages of
   * failed activities, which may quote an endpoint or an API server's answer.
   */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String t = PEM_KEY.matcher(text).replaceAll("[private key removed]");
    t = URL_USERINFO.matcher(t).replaceAll("$1***@");
    t = QUERY_SECRET.matcher(t).replaceAll("$1***");
    t = SETTING.matcher(t).replaceAll("$1***");
    t = KEYED_TEXT.matcher(t).replaceAll("$1***");
    Matcher bare = BARE_USERINFO.matcher(t);
    return bare.matches() ? t.replace(bare.group(1), "***") : t;
  }
}

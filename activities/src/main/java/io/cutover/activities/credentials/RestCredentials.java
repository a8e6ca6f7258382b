package io.cutover.activities.credentials;

/**
 * Basic-auth API key for the REST v3 API, plus TLS trust options. {@link #toString()} never shows
 * the secret.
 *
 * @param apiKey resource-scoped API key (Basic username); empty for none
 * @param apiSecret its secret (Basic password)
 * @param caCertPath PEM CA bundle to trust instead of the system roots; empty for system roots
 * @param insecureSkipVerify skip TLS verification (testing only)
 */
public record RestCredentials(
    String apiKey, String apiSecret, String caCertPath, boolean insecureSkipVerify) {

  public static RestCredentials none() {
    return new RestCredentials("", "", "", false);
  }

  public boolean hasApiKey() {
    return apiKey != null && !apiKey.isEmpty();
  }

  @Override
  public String toString() {
    return "RestCredentials[apiKey="
        + (hasApiKey() ? apiKey : "<none>")
        + ", apiSecret=<redacted>, caCertPath="
        + caCertPath
        + ", insecureSkipVerify="
        + insecureSkipVerify
        + "]";
  }
}

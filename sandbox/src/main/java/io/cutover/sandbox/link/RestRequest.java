package io.cutover.sandbox.link;

/**
 * One request the simulated REST API answered, for tests that check what a client sent.
 *
 * @param method HTTP method
 * @param path decoded path, e.g. {@code /kafka/v3/clusters/lkc-sandbox/links/l/mirrors:promote}
 * @param query raw query string, "" when none
 * @param status the HTTP status answered (including injected faults and 401s)
 */
public record RestRequest(String method, String path, String query, int status) {}

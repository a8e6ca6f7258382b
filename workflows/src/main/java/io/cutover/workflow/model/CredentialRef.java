package io.cutover.workflow.model;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a credential lives. Never the credential itself: the worker resolves it when an activity
 * needs it, so secrets stay out of workflow inputs, history and logs.
 *
 * @param kind how to find it
 * @param location a file path, an environment variable name, {@code namespace/name} of a Kubernetes
 *     Secret, or {@code manifestPath#field.path} for a block written inline in a manifest
 */
public record CredentialRef(Kind kind, String location) {

  public enum Kind {
    /** A credentials file (kcp's credential file shape). */
    FILE,
    /** An environment variable on the worker holding the credentials document. */
    ENV,
    /** A Kubernetes Secret, {@code namespace/name}, read with the gateway's kubeconfig. */
    KUBERNETES_SECRET,
    /**
     * An inline block in the manifest file, re-read on the worker: {@code
     * path#spec.source.credentials}.
     */
    MANIFEST_INLINE,
    /** No credentials (plaintext or unauthenticated TLS clusters, sandbox). */
    NONE
  }

  public CredentialRef {
    Objects.requireNonNull(kind, "kind");
    location = location == null ? "" : location;
  }

  public static CredentialRef none() {
    return new CredentialRef(Kind.NONE, "");
  }

  public static CredentialRef file(String path) {
    return new CredentialRef(Kind.FILE, path);
  }

  public static CredentialRef env(String variable) {
    return new CredentialRef(Kind.ENV, variable);
  }

  @Override
  public String toString() {
    return kind == Kind.NONE ? "none" : kind.name().toLowerCase(Locale.ROOT) + ":" + location;
  }
}

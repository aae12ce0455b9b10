package io.atolldb.router.auth;

import java.util.Optional;

/**
 * Where the verifier finds the secret behind an access key id. Today a fixed set ({@link StaticCredentialStore});
 * IAM users kept (and replicated) by the metadata service will implement the same interface, so the verifier does
 * not change when they come.
 *
 * <p>Called once for every signed request, on request threads: implementations are thread-safe and answer from
 * memory (a store backed by a remote service keeps a local copy).
 */
public interface CredentialStore {
    /** The identity owning {@code accessKeyId}, or empty if there is none (the client then gets UnrecognizedClientException). */
    Optional<Identity> find(String accessKeyId);
}

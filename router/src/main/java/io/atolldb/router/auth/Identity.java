package io.atolldb.router.auth;

import io.atolldb.router.api.Principal;
import java.util.Objects;

/**
 * One access key: its id (sent in every signed request), its secret (never sent; both sides derive the
 * signing key from it) and the principal it authenticates.
 */
public record Identity(String accessKeyId, SecretAccessKey secret, Principal principal) {
    public Identity {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(principal, "principal");
        if (accessKeyId.isEmpty() || accessKeyId.contains("/")) {
            throw new IllegalArgumentException("an access key id is not empty and has no '/': " + accessKeyId);
        }
    }
}

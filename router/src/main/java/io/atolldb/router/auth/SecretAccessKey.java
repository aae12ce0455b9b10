package io.atolldb.router.auth;

import java.util.Objects;

/** A secret access key. Its {@link #toString()} never shows the secret, so it cannot leak into a log line. */
public record SecretAccessKey(String value) {
    public SecretAccessKey {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a secret access key cannot be empty");
        }
    }

    @Override
    public String toString() {
        return "SecretAccessKey[redacted]";
    }
}

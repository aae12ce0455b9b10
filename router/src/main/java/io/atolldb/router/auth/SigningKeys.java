package io.atolldb.router.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SigV4 signing keys, derived once per (secret, day, region, service) and kept: deriving one costs four HMACs,
 * while a client signs every request of a day with the same key. The derivation is
 * HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request").
 *
 * <p>Bounded: at most {@value #MAX_KEYS} keys; when full it starts afresh (keys are cheap to derive again, and only
 * secrets of known identities ever get here, so the cache fills only with many identities over many days).
 * Keyed by the secret itself, so a rotated secret never meets a stale key. Thread-safe.
 */
final class SigningKeys {
    static final int MAX_KEYS = 4096;
    private static final String HMAC = "HmacSHA256";

    private record Scope(SecretAccessKey secret, String day, String region, String service) {}

    private final Map<Scope, byte[]> keys = new ConcurrentHashMap<>();

    /** The signing key of {@code secret} for {@code credential}'s scope. The array is shared: never modify it. */
    byte[] key(SecretAccessKey secret, Credential credential) {
        Scope scope = new Scope(secret, credential.day(), credential.region(), credential.service());
        byte[] key = keys.get(scope);
        if (key == null) {
            if (keys.size() >= MAX_KEYS) {
                keys.clear();
            }
            key = derive(scope);
            keys.put(scope, key);
        }
        return key;
    }

    int size() {
        return keys.size();
    }

    private static byte[] derive(Scope scope) {
        byte[] key = ("AWS4" + scope.secret().value()).getBytes(StandardCharsets.UTF_8);
        key = hmac(key, scope.day());
        key = hmac(key, scope.region());
        key = hmac(key, scope.service());
        return hmac(key, Credential.TERMINATOR);
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + HMAC, e);
        }
    }
}

package io.atolldb.router.auth;

import io.atolldb.router.api.Principal;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The operator's identity, the one a router with authentication on knows today: principal
 * {@value #ADMIN_ARN}, allowed everything. Its key comes from {@value #ACCESS_KEY_ID_ENV} and
 * {@value #SECRET_ACCESS_KEY_ENV} when both are set, or is generated.
 *
 * <p>A generated key looks like an AWS one, so tools that check the shape accept it: a 20-character access key id
 * ({@value #ACCESS_KEY_PREFIX} and 15 characters of the base-32 alphabet AWS uses) and a 40-character secret (30 random
 * bytes in base 64, 240 bits), both from {@link SecureRandom}. The "ATOLL" prefix keeps it from being mistaken for
 * a real AWS key (those start with AKIA or ASIA).
 */
public final class AdminCredentials {
    public static final String ACCESS_KEY_ID_ENV = "ATOLL_ADMIN_ACCESS_KEY_ID";
    public static final String SECRET_ACCESS_KEY_ENV = "ATOLL_ADMIN_SECRET_ACCESS_KEY";
    public static final String ADMIN_ARN = "arn:aws:iam::000000000000:user/admin";
    public static final Principal ADMIN = new Principal(ADMIN_ARN, true);
    static final String ACCESS_KEY_PREFIX = "ATOLL";

    private static final String KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private AdminCredentials() {}

    /** The admin identity, and whether its key was generated here (then it must be shown to the operator once). */
    public record Chosen(Identity identity, boolean generated) {}

    /**
     * The admin identity with the key from {@code environment}, or a new key when neither variable is set.
     *
     * @throws IllegalArgumentException only one of the two variables is set, or one is blank
     */
    public static Chosen fromEnvironment(Map<String, String> environment, SecureRandom random) {
        String keyId = environment.get(ACCESS_KEY_ID_ENV);
        String secret = environment.get(SECRET_ACCESS_KEY_ENV);
        if (keyId == null && secret == null) {
            return new Chosen(generate(random), true);
        }
        if (keyId == null || secret == null || keyId.isBlank() || secret.isBlank()) {
            throw new IllegalArgumentException("set both " + ACCESS_KEY_ID_ENV + " and " + SECRET_ACCESS_KEY_ENV
                    + " (or neither, to have a key generated)");
        }
        return new Chosen(new Identity(keyId.trim(), new SecretAccessKey(secret.trim()), ADMIN), false);
    }

    static Identity generate(SecureRandom random) {
        StringBuilder keyId = new StringBuilder(ACCESS_KEY_PREFIX);
        while (keyId.length() < 20) {
            keyId.append(KEY_ID_ALPHABET.charAt(random.nextInt(KEY_ID_ALPHABET.length())));
        }
        byte[] secret = new byte[30];
        random.nextBytes(secret);
        return new Identity(keyId.toString(), new SecretAccessKey(Base64.getEncoder().encodeToString(secret)), ADMIN);
    }
}

package io.atolldb.deploy;

import io.atolldb.router.auth.AdminCredentials;
import io.atolldb.router.auth.Authenticator;
import io.atolldb.router.auth.SigV4Verifier;
import io.atolldb.router.auth.StaticCredentialStore;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Map;

/**
 * {@code --auth}, shared by {@code atoll dev} and {@code atoll router}: verify AWS Signature Version 4 on every
 * request, against the operator's admin key ({@link AdminCredentials}). Off by default, so that {@code atoll dev}
 * accepts any credentials, as DynamoDB Local does.
 */
final class AuthOption {
    @Option(names = "--auth", defaultValue = "${env:ATOLL_AUTH:-false}", fallbackValue = "true", arity = "0..1",
            description = "verify request signatures (SigV4) against the admin key from " + AdminCredentials.ACCESS_KEY_ID_ENV
                    + " and " + AdminCredentials.SECRET_ACCESS_KEY_ENV + " (default: ${DEFAULT-VALUE}: any credentials work)")
    boolean enabled;

    /**
     * The authenticator the router uses. With {@code --auth} and no key in the environment, a key is generated when
     * {@code mayGenerate}, and printed once on {@code out}; otherwise this refuses to start.
     */
    Authenticator authenticator(Map<String, String> environment, boolean mayGenerate, PrintStream out) {
        if (!enabled) {
            return Authenticator.acceptAll();
        }
        AdminCredentials.Chosen admin = AdminCredentials.fromEnvironment(environment, new SecureRandom());
        if (admin.generated() && !mayGenerate) {
            throw new IllegalArgumentException("--auth needs " + AdminCredentials.ACCESS_KEY_ID_ENV + " and "
                    + AdminCredentials.SECRET_ACCESS_KEY_ENV + ": every router of a cluster must accept the same key");
        }
        String keyId = admin.identity().accessKeyId();
        if (admin.generated()) {
            out.printf("Authentication on (SigV4). Admin key, shown only now:%n  export AWS_ACCESS_KEY_ID=%s%n"
                            + "  export AWS_SECRET_ACCESS_KEY=%s%n(set %s and %s to choose the key yourself)%n",
                    keyId, admin.identity().secret().value(), AdminCredentials.ACCESS_KEY_ID_ENV,
                    AdminCredentials.SECRET_ACCESS_KEY_ENV);
        } else {
            out.printf("Authentication on (SigV4): admin key %s from %s%n", keyId, AdminCredentials.ACCESS_KEY_ID_ENV);
        }
        return new SigV4Verifier(new StaticCredentialStore(admin.identity()));
    }
}

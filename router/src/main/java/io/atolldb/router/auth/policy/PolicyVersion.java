package io.atolldb.router.auth.policy;

import java.util.Arrays;
import java.util.Optional;

/**
 * The policy language version. Only 2012-10-17 knows policy variables: under 2008-10-17 (also the version of a
 * document without Version) {@code ${aws:username}} is plain text, as in IAM.
 */
public enum PolicyVersion {
    V2012_10_17("2012-10-17"),
    V2008_10_17("2008-10-17");

    private final String text;

    PolicyVersion(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public boolean substitutesVariables() {
        return this == V2012_10_17;
    }

    static Optional<PolicyVersion> of(String text) {
        return Arrays.stream(values()).filter(v -> v.text.equals(text)).findFirst();
    }
}

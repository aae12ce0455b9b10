package io.atolldb.router.auth;

/**
 * The Credential of a signature, {@code AKID/20150830/us-east-1/dynamodb/aws4_request}: the access key id and the
 * scope the signing key was derived for (day, region, service, and the fixed terminator).
 */
record Credential(String accessKeyId, String day, String region, String service, String terminator) {
    static final String TERMINATOR = "aws4_request";

    static Credential parse(String value) {
        String[] parts = value.split("/", -1);
        if (parts.length != 5) {
            throw AuthErrors.badCredential(value);
        }
        return new Credential(parts[0], parts[1], parts[2], parts[3], parts[4]);
    }

    /** The credential scope as it enters the string to sign: everything after the access key id. */
    String scope() {
        return day + "/" + region + "/" + service + "/" + terminator;
    }
}

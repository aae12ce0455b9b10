package io.atolldb.router.auth.policy;

/** The parts of an ARN the engine needs: {@code arn:partition:service:region:account:resource}. */
final class Arns {
    private Arns() {}

    /** True for text of the ARN shape (six colon-separated parts, the last one may hold colons). */
    static boolean isArn(String text) {
        return text.startsWith("arn:") && text.split(":", 6).length == 6;
    }

    /** The account id of an ARN, or "" when it has none or is no ARN. */
    static String account(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 ? parts[4] : "";
    }
}

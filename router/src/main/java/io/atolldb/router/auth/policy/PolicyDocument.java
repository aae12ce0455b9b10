package io.atolldb.router.auth.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed, validated IAM policy: immutable, so it can be parsed once when attached and evaluated for every request.
 *
 * @param version    the language version (2008-10-17 when the document has none, as in IAM)
 * @param id         the optional Id element
 * @param statements the statements, in document order (a single statement object is a list of one)
 * @param kind       identity-based or resource-based
 * @param size       characters without white space, what IAM's size quotas count ({@link PolicySizeLimit})
 */
public record PolicyDocument(PolicyVersion version, Optional<String> id, List<Statement> statements, PolicyKind kind, int size) {
    public PolicyDocument {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        statements = List.copyOf(statements);
    }

    /**
     * Parses and validates a policy document as IAM does.
     *
     * @throws PolicyException MalformedPolicyDocument, with IAM's message, when it is no policy of this kind
     */
    public static PolicyDocument parse(String json, PolicyKind kind) {
        return PolicyParser.parse(json, kind);
    }

    /** Shorthand for an identity-based policy. */
    public static PolicyDocument identity(String json) {
        return parse(json, PolicyKind.IDENTITY);
    }

    /** Shorthand for a resource-based policy. */
    public static PolicyDocument resource(String json) {
        return parse(json, PolicyKind.RESOURCE);
    }
}

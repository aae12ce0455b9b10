package io.atolldb.router.auth.policy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the engine decides about: who asks (the principal's ARN), to do what ({@code dynamodb:GetItem}), to which
 * resource (a table, index, stream or backup ARN), and the request context: condition keys to their values, e.g.
 * {@code aws:SourceIp}, {@code aws:username}, {@code aws:userid}, {@code dynamodb:LeadingKeys},
 * {@code dynamodb:Attributes}, {@code dynamodb:Select}. Keys compare case-insensitively, as in IAM; a key may be
 * absent, present with no values, or present with several (multivalued keys such as dynamodb:Attributes).
 */
public record AuthorizationRequest(String principalArn, String action, String resource, Map<String, List<String>> context) {
    public AuthorizationRequest {
        Objects.requireNonNull(principalArn, "principalArn");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        context = context.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                entry -> entry.getKey().toLowerCase(Locale.ROOT), entry -> List.copyOf(entry.getValue()),
                (a, b) -> { throw new IllegalArgumentException("a context key is given twice: " + a); }));
    }

    /** A request with no condition keys. */
    public static AuthorizationRequest of(String principalArn, String action, String resource) {
        return new AuthorizationRequest(principalArn, action, resource, Map.of());
    }

    /** The values of a condition key; empty when the request does not have the key. */
    public Optional<List<String>> values(String key) {
        return Optional.ofNullable(context.get(key.toLowerCase(Locale.ROOT)));
    }

    /** The value a policy variable {@code ${key}} stands for: only a key with exactly one value has one. */
    Optional<String> variable(String key) {
        return values(key).filter(values -> values.size() == 1).map(List::getFirst);
    }
}

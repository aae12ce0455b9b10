package io.atolldb.router.auth;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A fixed set of identities, given when the router starts (today: the operator's admin key). Immutable. */
public final class StaticCredentialStore implements CredentialStore {
    private final Map<String, Identity> byAccessKeyId;

    public StaticCredentialStore(Collection<Identity> identities) {
        this.byAccessKeyId = identities.stream()
                .collect(Collectors.toUnmodifiableMap(Identity::accessKeyId, Function.identity()));
    }

    public StaticCredentialStore(Identity identity) {
        this(java.util.List.of(identity));
    }

    @Override
    public Optional<Identity> find(String accessKeyId) {
        return Optional.ofNullable(byAccessKeyId.get(accessKeyId));
    }
}

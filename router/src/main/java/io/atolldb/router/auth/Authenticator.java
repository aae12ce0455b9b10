package io.atolldb.router.auth;

import io.atolldb.router.api.Principal;

/**
 * Decides who sent a request, before anything else reads it. Implementations are thread-safe.
 */
public sealed interface Authenticator permits Authenticator.AcceptAll, SigV4Verifier {

    /**
     * The principal that signed {@code request}.
     *
     * @throws io.atolldb.router.api.DynamoException the request is refused, with DynamoDB's error type and message
     *         (MissingAuthenticationTokenException, IncompleteSignatureException, InvalidSignatureException,
     *         UnrecognizedClientException)
     */
    Principal authenticate(SignedRequest request);

    /** False when {@link #authenticate} looks at nothing, so the transport need not build a {@link SignedRequest}. */
    boolean verifiesSignatures();

    /** Verifies nothing: every request comes from {@link Principal#ANYONE}, whatever its credentials (as DynamoDB Local). */
    static Authenticator acceptAll() {
        return new AcceptAll();
    }

    /** See {@link #acceptAll()}. */
    record AcceptAll() implements Authenticator {
        @Override
        public Principal authenticate(SignedRequest request) {
            return Principal.ANYONE;
        }

        @Override
        public boolean verifiesSignatures() {
            return false;
        }
    }
}

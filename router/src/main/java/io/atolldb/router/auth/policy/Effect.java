package io.atolldb.router.auth.policy;

/** What a matching statement does to a request: an explicit Deny always wins over any Allow. */
public enum Effect {
    Allow,
    Deny
}

package io.atolldb.chaos.cluster;

/** What an {@link AtollProcess} runs. */
public enum Role {
    /** One replica of the metadata service. */
    METADATA,
    /** One storage node. */
    NODE,
    /** One stateless router serving the DynamoDB API. */
    ROUTER,
    /** A whole dev cluster in one process ({@code atoll dev}). */
    DEV
}

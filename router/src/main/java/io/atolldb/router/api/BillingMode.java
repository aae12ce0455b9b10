package io.atolldb.router.api;

/** How a table is billed; PROVISIONED is DynamoDB's default. */
public enum BillingMode {
    PROVISIONED,
    PAY_PER_REQUEST
}

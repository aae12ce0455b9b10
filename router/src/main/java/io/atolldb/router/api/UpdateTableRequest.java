package io.atolldb.router.api;

/**
 * UpdateTable of the settings AtollDB supports: the billing mode and provisioned throughput.
 *
 * @param billingMode            the new billing mode, or null to keep it
 * @param provisionedThroughput  the new throughput, or null to keep it
 */
public record UpdateTableRequest(String tableName, BillingMode billingMode, ProvisionedThroughput provisionedThroughput) {
}

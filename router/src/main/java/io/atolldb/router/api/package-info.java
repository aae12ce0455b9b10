/**
 * The DynamoDB JSON API, and the only code that knows its wire format. {@link io.atolldb.router.api.DynamoApi}
 * turns an X-Amz-Target and a JSON body into typed requests for a {@link io.atolldb.router.api.DynamoService}
 * (one small handler per operation) and renders typed results and {@link io.atolldb.router.api.DynamoException}s
 * back as DynamoDB's JSON. Nothing outside this package sees JSON.
 */
package io.atolldb.router.api;

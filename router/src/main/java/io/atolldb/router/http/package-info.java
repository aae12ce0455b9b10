/**
 * The HTTP/1.1 transport of the DynamoDB API: a Netty server ({@link io.atolldb.router.http.DynamoHttpServer})
 * that moves bytes between clients and {@link io.atolldb.router.api.DynamoApi}, adds the headers the AWS SDKs
 * expect, enforces the request size limit and records request metrics. It knows nothing of JSON.
 */
package io.atolldb.router.http;

/**
 * Authentication: who sent a request. {@link io.atolldb.router.auth.SigV4Verifier} checks AWS Signature Version 4
 * (an Authorization header or a presigned query string) against the request exactly as it arrived, and answers
 * the {@link io.atolldb.router.api.Principal} of the key that signed it; {@link io.atolldb.router.auth.Authenticator#acceptAll()}
 * verifies nothing, as DynamoDB Local. Secrets come from a {@link io.atolldb.router.auth.CredentialStore}: today one
 * static operator identity ({@link io.atolldb.router.auth.AdminCredentials}), later IAM users kept by the metadata
 * service behind the same interface. Knows neither Netty nor JSON: the HTTP layer hands it a
 * {@link io.atolldb.router.auth.SignedRequest}, and its refusals are {@link io.atolldb.router.api.DynamoException}s
 * whose types and messages are DynamoDB's.
 */
package io.atolldb.router.auth;

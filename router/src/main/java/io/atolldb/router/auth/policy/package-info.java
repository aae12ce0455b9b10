/**
 * Authorization by IAM policies: {@link io.atolldb.router.auth.policy.PolicyDocument} parses and validates a policy
 * document as IAM does (refusals are {@link io.atolldb.router.auth.policy.PolicyException}s with IAM's codes from
 * {@link io.atolldb.router.auth.policy.IamErrorType}); {@link io.atolldb.router.auth.policy.PolicyEvaluator} decides
 * an {@link io.atolldb.router.auth.policy.AuthorizationRequest} from a principal's identity-based policies and a
 * resource's policy, with AWS's evaluation logic, condition operators and policy variables;
 * {@link io.atolldb.router.auth.policy.AccessDeniedMessages} words DynamoDB's refusal. A pure library: nothing in the
 * request path calls it yet. Jackson is used only inside the parser; the rest sees immutable records.
 */
package io.atolldb.router.auth.policy;

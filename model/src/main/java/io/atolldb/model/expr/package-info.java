/**
 * DynamoDB's expression language and its legacy parameters: pure, deterministic Java, run by the
 * router (to reject bad input before anything is proposed) and again by every replica inside the
 * Raft apply step (to evaluate conditions and apply updates).
 *
 * <h2>Map of the package</h2>
 * <pre>
 *   text ──parse──▶ syntax tree ──check + resolve──▶ resolved tree ──evaluate / apply / project──▶ result
 *         parse/                  parse/ (+ ExpressionResolver)  ast/          eval/ update/ projection/
 *
 *   legacy parameters (Expected, AttributeUpdates, AttributesToGet, KeyConditions, QueryFilter,
 *   ScanFilter) ──legacy/──▶ the same resolved trees
 *   resolved key condition ──key/──▶ KeyCondition (partition key value + sort key range or prefix)
 * </pre>
 * <ul>
 *   <li>{@link io.atolldb.model.expr.Expressions}: the facade; start here.</li>
 *   <li>{@link io.atolldb.model.expr.ExpressionResolver}: one request's ExpressionAttributeNames and
 *       ExpressionAttributeValues, shared by its expressions; reports unused placeholders.</li>
 *   <li>{@code ast}: the resolved trees ({@code Condition}, {@code UpdateExpression},
 *       {@code Projection}, {@code Path}), their printer and a renderer back to expression text.</li>
 *   <li>{@code parse}: lexer, recursive-descent parsers and the checkers that report DynamoDB's errors in
 *       DynamoDB's order; reserved words.</li>
 *   <li>{@code eval}: value comparison and condition evaluation. {@code update}: applying updates.
 *       {@code projection}: projecting items. {@code key}: Query key conditions.</li>
 *   <li>{@code legacy}: the pre-expression parameters, converted to the same trees, and the rule that
 *       the two styles cannot be mixed in one request.</li>
 * </ul>
 * Every error is a {@link io.atolldb.model.ValidationError} whose message is DynamoDB's.
 */
package io.atolldb.model.expr;

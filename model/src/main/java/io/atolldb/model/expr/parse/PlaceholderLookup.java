package io.atolldb.model.expr.parse;

import io.atolldb.model.AttributeValue;
import java.util.Optional;

/**
 * Where the checkers look up {@code #name} and {@code :value} placeholders: one request's
 * ExpressionAttributeNames and ExpressionAttributeValues. A successful lookup marks the placeholder
 * as used, for the request-wide "unused" check.
 */
public interface PlaceholderLookup {

    /** The attribute name {@code placeholder} (e.g. "#n") stands for, if defined. */
    Optional<String> name(String placeholder);

    /** The value {@code placeholder} (e.g. ":v") stands for, if defined. */
    Optional<AttributeValue> value(String placeholder);
}

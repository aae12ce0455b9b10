package io.atolldb.router.api;

/** Rules shared by Query and Scan pages. */
final class Pages {
    private Pages() {
    }

    /** The effective Select, checked against the projection as DynamoDB does. */
    static Select checkSelect(Select select, ReadExpressions expressions, boolean index) {
        boolean projected = !expressions.projection().isEmpty();
        if (select == null) {
            // DynamoDB's default: every attribute of a table, every projected attribute of an index.
            return projected ? Select.SPECIFIC_ATTRIBUTES : index ? Select.ALL_PROJECTED_ATTRIBUTES : Select.ALL_ATTRIBUTES;
        }
        if (select == Select.ALL_PROJECTED_ATTRIBUTES && !index) {
            throw DynamoException.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        }
        if (select == Select.SPECIFIC_ATTRIBUTES && !projected) {
            throw DynamoException.validation("Select type SPECIFIC_ATTRIBUTES requires ProjectionExpression or AttributesToGet");
        }
        if (select != Select.SPECIFIC_ATTRIBUTES && projected) {
            throw DynamoException.validation("Cannot specify the ProjectionExpression when choosing to get "
                    + select.name());
        }
        return select;
    }
}

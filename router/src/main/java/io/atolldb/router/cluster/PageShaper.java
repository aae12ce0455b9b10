package io.atolldb.router.cluster;

import io.atolldb.model.Item;
import io.atolldb.model.expr.ExpressionResolver;
import io.atolldb.model.expr.Expressions;
import io.atolldb.model.expr.ast.Condition;
import io.atolldb.model.expr.ast.ExpressionKind;
import io.atolldb.model.expr.ast.Projection;
import io.atolldb.router.api.PageResult;
import io.atolldb.router.api.ReadExpressions;
import io.atolldb.router.api.Select;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the items a Query or Scan page read into the page DynamoDB answers: the filter drops items
 * (after Limit and the 1 MB budget counted them as scanned), the projection trims the rest, and
 * Select=COUNT keeps only the count.
 */
final class PageShaper {
    private final Optional<Condition> filter;
    private final Optional<Projection> projection;
    private final Select select;

    PageShaper(ReadExpressions expressions, Select select) {
        ExpressionResolver resolver = Expressions.resolver(expressions.names(), expressions.values());
        this.filter = expressions.filter().isEmpty() ? Optional.empty()
                : Optional.of(resolver.condition(expressions.filter(), ExpressionKind.FILTER));
        this.projection = expressions.projection().isEmpty() ? Optional.empty()
                : Optional.of(resolver.projection(expressions.projection()));
        this.select = select;
    }

    /**
     * The page of the items {@code read} (in order, before any filter); {@code consumed} is their read
     * units ({@link io.atolldb.router.api.CapacityUnits#readPage}), which the filter does not lower.
     */
    PageResult page(List<Item> read, Map<String, io.atolldb.model.AttributeValue> lastEvaluatedKey,
                    io.atolldb.router.api.ConsumedCapacity consumed) {
        List<Item> kept = new ArrayList<>();
        for (Item item : read) {
            if (filter.isEmpty() || Expressions.matches(filter.get(), Optional.of(item))) {
                kept.add(projection.map(p -> Expressions.project(p, item)).orElse(item));
            }
        }
        return new PageResult(select == Select.COUNT ? null : kept, kept.size(), read.size(), lastEvaluatedKey, consumed);
    }
}

package io.atolldb.model.expr.update;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.Items;
import io.atolldb.model.KeySchema;
import io.atolldb.model.PrimaryKey;
import io.atolldb.model.ValidationError;
import io.atolldb.model.expr.ast.Path;
import io.atolldb.model.expr.ast.PathElement;
import io.atolldb.model.expr.ast.UpdateAction;
import io.atolldb.model.expr.ast.UpdateExpression;
import io.atolldb.model.expr.ast.UpdateValue;
import io.atolldb.model.expr.eval.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a resolved {@link UpdateExpression} to an item, with DynamoDB's rules (Developer Guide,
 * "Update expressions"):
 * <ul>
 *   <li>Every value is computed from the item as it was before the update, so {@code SET a = b, b = a}
 *       swaps; reading a missing attribute fails.</li>
 *   <li>A nested path's parent must exist as a map (for a key) or list (for an index). SET at an index
 *       past a list's end appends; several appends to one list go in index order.</li>
 *   <li>REMOVE of a missing attribute, key or element does nothing; removing list elements shifts
 *       the later ones down, all indexes meaning positions before the update.</li>
 *   <li>ADD adds to a number (a missing one counts as 0) or unites sets; DELETE subtracts from a set,
 *       and a set left empty removes the attribute.</li>
 *   <li>Key attributes cannot be updated; the result must be a valid item of at most 400 KB.</li>
 * </ul>
 * Pure and deterministic: it runs in every replica's Raft apply step.
 */
public final class UpdateApplier {
    static final String MISSING_ATTRIBUTE = "The provided expression refers to an attribute that does not exist in the item";
    static final String WRONG_TYPE = "An operand in the update expression has an incorrect data type";
    static final String TOO_LARGE = "Item size to update has exceeded the maximum allowed size";

    private UpdateApplier() {
    }

    /**
     * The item after {@code update}. {@code existing} is the stored item, or empty when there is none
     * (the update then creates it from {@code key}).
     */
    public static UpdateResult apply(UpdateExpression update, Optional<Item> existing, PrimaryKey key, KeySchema schema) {
        requireKeyUntouched(update, schema);
        Map<String, AttributeValue> old = existing.map(Item::attributes).orElseGet(() -> key.toMap(schema));
        // Compute every write from the old item first, in action order (this is where errors arise).
        var puts = new ArrayList<Write>();
        var removals = new ArrayList<Path>();
        for (var action : update.actions()) {
            switch (action) {
                case UpdateAction.Set(var path, var value) -> puts.add(new Write(path, evaluate(value, old)));
                case UpdateAction.Remove(var path) -> removals.add(path);
                case UpdateAction.Add(var path, var value) -> puts.add(new Write(path, added(path.lookup(old), value)));
                case UpdateAction.Delete(var path, var value) -> path.lookup(old).map(current -> deleted(current, value))
                        .ifPresent(remaining -> {
                            if (remaining.isPresent()) {
                                puts.add(new Write(path, remaining.get()));
                            } else {
                                removals.add(path);
                            }
                        });
            }
        }
        var document = new Document(old);
        var appends = new ArrayList<Write>();
        for (var put : puts) {
            if (put.path().last() instanceof PathElement.Index(int index) && index >= document.parentListLength(put.path())
                    && document.parentListLength(put.path()) >= 0) {
                appends.add(put);
            } else {
                document.put(put.path(), put.value());
            }
        }
        appends.sort(Comparator.comparing((Write w) -> w.path().parent().orElseThrow().toString())
                .thenComparingInt(w -> ((PathElement.Index) w.path().last()).index()));
        appends.forEach(append -> document.put(append.path(), append.value()));
        removals.forEach(document::remove);
        Item item = new Item(document.toItem());
        checkItem(item);
        var attributes = new LinkedHashSet<String>();
        var paths = new ArrayList<Path>();
        update.actions().forEach(action -> {
            attributes.add(action.path().attribute());
            paths.add(action.path());
        });
        return new UpdateResult(item, attributes, paths);
    }

    /** Fails when an action writes a key attribute: DynamoDB rejects that before reading the item. */
    public static void requireKeyUntouched(UpdateExpression update, KeySchema schema) {
        var keys = new ArrayList<String>();
        keys.add(schema.partitionKey().name());
        schema.sortKey().ifPresent(sortKey -> keys.add(sortKey.name()));
        for (var action : update.actions()) {
            if (keys.contains(action.path().attribute())) {
                throw new ValidationError("One or more parameter values were invalid: Cannot update attribute "
                        + action.path().attribute() + ". This attribute is part of the key");
            }
        }
    }

    private record Write(Path path, AttributeValue value) {
    }

    private static AttributeValue evaluate(UpdateValue value, Map<String, AttributeValue> old) {
        return switch (value) {
            case UpdateValue.Value(var literal) -> literal;
            case UpdateValue.Attribute(var path) -> path.lookup(old).orElseThrow(() -> new ValidationError(MISSING_ATTRIBUTE));
            case UpdateValue.IfNotExists(var path, var fallback) -> path.lookup(old).orElseGet(() -> evaluate(fallback, old));
            case UpdateValue.ListAppend(var first, var second) -> {
                if (evaluate(first, old) instanceof AttributeValue.L(var a) && evaluate(second, old) instanceof AttributeValue.L(var b)) {
                    var joined = new ArrayList<>(a);
                    joined.addAll(b);
                    yield new AttributeValue.L(joined);
                }
                throw new ValidationError(WRONG_TYPE);
            }
            case UpdateValue.Plus(var left, var right) -> arithmetic(evaluate(left, old), evaluate(right, old), false);
            case UpdateValue.Minus(var left, var right) -> arithmetic(evaluate(left, old), evaluate(right, old), true);
        };
    }

    private static AttributeValue arithmetic(AttributeValue left, AttributeValue right, boolean subtract) {
        if (left instanceof AttributeValue.N(var a) && right instanceof AttributeValue.N(var b)) {
            return Values.number(subtract ? a.subtract(b) : a.add(b));
        }
        throw new ValidationError(WRONG_TYPE);
    }

    /** ADD: a number sum, a set union, or (legacy AttributeUpdates only) a list concatenation. */
    private static AttributeValue added(Optional<AttributeValue> current, AttributeValue value) {
        if (current.isEmpty()) {
            return value;
        }
        return switch (current.get()) {
            case AttributeValue.N(var a) when value instanceof AttributeValue.N(var b) -> Values.number(a.add(b));
            case AttributeValue.SS(var a) when value instanceof AttributeValue.SS(var b) -> new AttributeValue.SS(union(a, b));
            case AttributeValue.NS(var a) when value instanceof AttributeValue.NS(var b) -> new AttributeValue.NS(union(a, b));
            case AttributeValue.BS(var a) when value instanceof AttributeValue.BS(var b) -> new AttributeValue.BS(union(a, b));
            case AttributeValue.L(var a) when value instanceof AttributeValue.L(var b) -> {
                var joined = new ArrayList<>(a);
                joined.addAll(b);
                yield new AttributeValue.L(joined);
            }
            default -> throw new ValidationError(WRONG_TYPE);
        };
    }

    /** DELETE: the set without the given members; empty when nothing is left. */
    private static Optional<AttributeValue> deleted(AttributeValue current, AttributeValue value) {
        AttributeValue remaining = switch (current) {
            case AttributeValue.SS(var a) when value instanceof AttributeValue.SS(var b) -> new AttributeValue.SS(minus(a, b));
            case AttributeValue.NS(var a) when value instanceof AttributeValue.NS(var b) -> new AttributeValue.NS(minus(a, b));
            case AttributeValue.BS(var a) when value instanceof AttributeValue.BS(var b) -> new AttributeValue.BS(minus(a, b));
            default -> throw new ValidationError(WRONG_TYPE);
        };
        return Values.size(remaining).orElseThrow().signum() == 0 ? Optional.empty() : Optional.of(remaining);
    }

    private static <T> List<T> union(List<T> a, List<T> b) {
        var members = new LinkedHashSet<>(a);
        members.addAll(b);
        return List.copyOf(members);
    }

    private static <T> List<T> minus(List<T> a, List<T> b) {
        var members = new LinkedHashSet<>(a);
        b.forEach(members::remove);
        return List.copyOf(members);
    }

    private static void checkItem(Item item) {
        if (Items.size(item) > Items.MAX_ITEM_BYTES) {
            throw new ValidationError(TOO_LARGE);
        }
        item.attributes().values().forEach(Items::validateValue);
    }
}

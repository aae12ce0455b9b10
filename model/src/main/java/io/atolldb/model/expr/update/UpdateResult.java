package io.atolldb.model.expr.update;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.expr.ast.Path;
import io.atolldb.model.expr.projection.Projector;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of applying an update: the new item, and what the update touched, for
 * ReturnValues UPDATED_OLD and UPDATED_NEW.
 *
 * @param item the item after the update (it holds the key attributes even when the item was new)
 * @param updatedAttributes the top-level attributes some action wrote, in action order
 * @param updatedPaths the paths the actions wrote, in action order
 */
public record UpdateResult(Item item, Set<String> updatedAttributes, List<Path> updatedPaths) {
    public UpdateResult {
        updatedAttributes = Collections.unmodifiableSet(new LinkedHashSet<>(updatedAttributes));
        updatedPaths = List.copyOf(updatedPaths);
    }

    /** ReturnValues=UPDATED_OLD: the written paths as they were in {@code old} (nested ones with their structure). */
    public Map<String, AttributeValue> updatedOld(Optional<Item> old) {
        return old.map(o -> Projector.project(updatedPaths, o.attributes())).orElse(Map.of());
    }

    /** ReturnValues=UPDATED_NEW: the written paths as they are in the new item; removed ones are absent. */
    public Map<String, AttributeValue> updatedNew() {
        return Projector.project(updatedPaths, item.attributes());
    }
}

package io.atolldb.router.api;

import io.atolldb.model.KeySchema;
import io.atolldb.model.KeySchema.KeyAttribute;
import io.atolldb.model.KeySchema.ScalarType;
import io.atolldb.model.SecondaryIndex;
import io.atolldb.model.SecondaryIndex.ProjectionType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CreateTable's GlobalSecondaryIndexes and LocalSecondaryIndexes, checked as DynamoDB checks them
 * (API Reference, CreateTable; Developer Guide, "Improving data access with secondary indexes"):
 * names 3-255 characters of [a-zA-Z0-9_.-] and unique across both kinds; key attributes defined in
 * AttributeDefinitions; a local index shares the table's partition key and has its own sort key, and
 * only a table with a sort key may have local indexes; at most 5 local and 20 global indexes; NonKeyAttributes
 * only with INCLUDE; a global index of a PROVISIONED table names its throughput, one of a PAY_PER_REQUEST
 * table must not. Index ids are given here, local indexes first: they never change afterwards.
 */
final class SecondaryIndexRules {
    static final int MAX_LOCAL_INDEXES = 5;
    static final int MAX_GLOBAL_INDEXES = 20;
    /** NonKeyAttributes summed over all indexes of a table (Developer Guide, quotas: projected secondary index attributes). */
    static final int MAX_PROJECTED_ATTRIBUTES = 100;
    private static final Pattern INDEX_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private SecondaryIndexRules() {
    }

    /** The structure of one index declaration, before the semantic checks. */
    private record Declared(String name, List<String[]> keys, ProjectionType projection, List<String> nonKeyAttributes,
                            boolean projectionTypeMissing, ProvisionedThroughput throughput, boolean global) {
    }

    /** The index lists as declared (structurally checked); a list is null when the request has none. */
    record Declarations(List<Declared> local, List<Declared> global) {
        boolean any() {
            return local != null || global != null;
        }
    }

    /** Structural checks of the index lists, recorded with the request's other violations. */
    static Declarations structure(JsonFields request, Violations violations) {
        return new Declarations(declared(request, "LocalSecondaryIndexes", "localSecondaryIndexes", false, violations),
                declared(request, "GlobalSecondaryIndexes", "globalSecondaryIndexes", true, violations));
    }

    /**
     * The indexes of a table, after the table's own key schema was checked.
     *
     * @param declarations what {@link #structure} returned
     */
    static List<IndexDefinition> indexes(Declarations declarations, KeySchema table, Map<String, ScalarType> definitions,
                                         BillingMode billingMode) {
        List<Declared> local = declarations.local();
        List<Declared> global = declarations.global();
        Set<String> names = new HashSet<>();
        List<IndexDefinition> indexes = new ArrayList<>();
        if (local != null) {
            if (local.isEmpty()) {
                throw DynamoException.invalidParameter("List of LocalSecondaryIndexes is empty");
            }
            if (table.sortKey().isEmpty()) {
                throw DynamoException.invalidParameter(
                        "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex");
            }
            for (Declared index : local) {
                indexes.add(new IndexDefinition(checked(index, indexes.size() + 1, table, definitions, names),
                        ProvisionedThroughput.NONE));
            }
            if (local.size() > MAX_LOCAL_INDEXES) {
                throw DynamoException.invalidParameter(
                        "Number of LocalSecondaryIndexes exceeds per-table limit of " + MAX_LOCAL_INDEXES);
            }
        }
        if (global != null) {
            if (global.isEmpty()) {
                throw DynamoException.invalidParameter("List of GlobalSecondaryIndexes is empty");
            }
            for (Declared index : global) {
                SecondaryIndex checked = checked(index, indexes.size() + 1, table, definitions, names);
                if (billingMode == BillingMode.PAY_PER_REQUEST && index.throughput() != null) {
                    throw DynamoException.invalidParameter("ProvisionedThroughput should not be specified for index: "
                            + index.name() + " when BillingMode is PAY_PER_REQUEST");
                }
                if (billingMode == BillingMode.PROVISIONED && index.throughput() == null) {
                    throw DynamoException.invalidParameter("ProvisionedThroughput must be specified for index: " + index.name());
                }
                indexes.add(new IndexDefinition(checked,
                        index.throughput() == null ? ProvisionedThroughput.NONE : index.throughput()));
            }
            if (global.size() > MAX_GLOBAL_INDEXES) {
                throw DynamoException.invalidParameter(
                        "GlobalSecondaryIndex count exceeds the per-table limit of " + MAX_GLOBAL_INDEXES);
            }
        }
        int projected = indexes.stream().mapToInt(index -> index.index().nonKeyAttributes().size()).sum();
        if (projected > MAX_PROJECTED_ATTRIBUTES) {
            // An attribute projected into two indexes counts twice, as the Developer Guide says.
            throw DynamoException.invalidParameter("The number of projected attributes in all indexes of the table ("
                    + projected + ") exceeds the limit of " + MAX_PROJECTED_ATTRIBUTES);
        }
        checkAllDefinitionsUsed(table, indexes, definitions);
        return indexes;
    }

    private static SecondaryIndex checked(Declared index, int id, KeySchema table, Map<String, ScalarType> definitions,
                                          Set<String> names) {
        List<String> keyNames = index.keys().stream().map(k -> k[0]).toList();
        if (!definitions.keySet().containsAll(keyNames)) {
            throw DynamoException.invalidParameter("Some index key attributes are not defined in AttributeDefinitions. Keys: "
                    + keyNames + ", AttributeDefinitions: " + definitions.keySet());
        }
        if (keyNames.size() == 2 && keyNames.get(0).equals(keyNames.get(1))) {
            throw DynamoException.validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        if (!"HASH".equals(index.keys().get(0)[1])) {
            throw DynamoException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (keyNames.size() == 2 && !"RANGE".equals(index.keys().get(1)[1])) {
            throw DynamoException.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
        if (!index.global()) {
            if (keyNames.size() != 2) {
                throw DynamoException.invalidParameter("Index KeySchema does not have a range key for index: " + index.name());
            }
            if (!keyNames.get(0).equals(table.partitionKey().name())) {
                throw DynamoException.invalidParameter("Index KeySchema does not have the same leading hash key as table "
                        + "KeySchema for index: " + index.name() + ". index hash key: " + keyNames.get(0)
                        + ", table hash key: " + table.partitionKey().name());
            }
        }
        if (index.projectionTypeMissing()) {
            throw DynamoException.invalidParameter("Unknown ProjectionType: null");
        }
        if (!index.nonKeyAttributes().isEmpty() && index.projection() != ProjectionType.INCLUDE) {
            throw DynamoException.invalidParameter("ProjectionType is " + index.projection()
                    + ", but NonKeyAttributes is specified");
        }
        if (!names.add(index.name())) {
            throw DynamoException.invalidParameter("Duplicate index name: " + index.name());
        }
        KeyAttribute partitionKey = new KeyAttribute(keyNames.get(0), definitions.get(keyNames.get(0)));
        Optional<KeyAttribute> sortKey = keyNames.size() == 2
                ? Optional.of(new KeyAttribute(keyNames.get(1), definitions.get(keyNames.get(1)))) : Optional.empty();
        return new SecondaryIndex(id, index.name(), index.global(), new KeySchema(partitionKey, sortKey),
                index.projection(), index.nonKeyAttributes());
    }

    private static void checkAllDefinitionsUsed(KeySchema table, List<IndexDefinition> indexes,
                                                Map<String, ScalarType> definitions) {
        Set<String> used = new LinkedHashSet<>();
        used.add(table.partitionKey().name());
        table.sortKey().ifPresent(k -> used.add(k.name()));
        for (IndexDefinition definition : indexes) {
            KeySchema keys = definition.index().keySchema();
            used.add(keys.partitionKey().name());
            keys.sortKey().ifPresent(k -> used.add(k.name()));
        }
        if (!used.containsAll(definitions.keySet())) {
            throw DynamoException.invalidParameter("Some AttributeDefinitions are not used. AttributeDefinitions: "
                    + definitions.keySet() + ", keys used: " + used);
        }
    }

    private static List<Declared> declared(JsonFields request, String member, String path, boolean global,
                                           Violations violations) {
        List<JsonFields> elements = request.objects(member);
        if (elements == null) {
            return null;
        }
        List<Declared> out = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            JsonFields element = elements.get(i);
            String at = path + "." + (i + 1) + ".member.";
            String name = element.string("IndexName");
            if (violations.requirePresent(name, at + "indexName")) {
                violations.checkLength(name, at + "indexName", 3, 255);
                if (!INDEX_NAME.matcher(name).matches()) {
                    violations.add(name, at + "indexName", "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
                }
            }
            List<String[]> keys = new ArrayList<>();
            List<JsonFields> keyElements = element.objects("KeySchema");
            if (violations.requirePresent(keyElements, at + "keySchema")) {
                for (int k = 0; k < keyElements.size(); k++) {
                    String keyAt = at + "keySchema." + (k + 1) + ".member.";
                    String attribute = keyElements.get(k).string("AttributeName");
                    String keyType = keyElements.get(k).string("KeyType");
                    if (violations.requirePresent(attribute, keyAt + "attributeName")) {
                        violations.checkLength(attribute, keyAt + "attributeName", 1, 255);
                    }
                    if (violations.requirePresent(keyType, keyAt + "keyType")
                            && !keyType.equals("HASH") && !keyType.equals("RANGE")) {
                        violations.add(keyType, keyAt + "keyType", "Member must satisfy enum value set: [HASH, RANGE]");
                    }
                    keys.add(new String[] {attribute, keyType});
                }
                violations.checkSize(keyElements, keys.size(), at + "keySchema", 1, 2);
            }
            JsonFields projection = element.object("Projection");
            ProjectionType type = null;
            List<String> nonKey = List.of();
            if (violations.requirePresent(projection, at + "projection")) {
                type = violations.enumValue(projection.string("ProjectionType"), at + "projection.projectionType",
                        ProjectionType.class);
                nonKey = nonKeyAttributes(projection, at + "projection.nonKeyAttributes", violations);
            }
            ProvisionedThroughput throughput = global
                    ? CreateTableHandler.throughput(element.object("ProvisionedThroughput"), violations) : null;
            boolean typeMissing = projection != null && projection.string("ProjectionType") == null;
            out.add(new Declared(name, keys, type, nonKey, typeMissing, throughput, global));
        }
        return out;
    }

    private static List<String> nonKeyAttributes(JsonFields projection, String path, Violations violations) {
        List<String> names = projection.strings("NonKeyAttributes");
        if (names == null) {
            return List.of();
        }
        violations.checkSize(names, names.size(), path, 1, 20);
        for (String name : names) {
            if (name.isEmpty() || name.length() > 255) {
                // DynamoDB's wording (as DynamoDB Local answers) for NonKeyAttributeName's 1-255 constraint.
                throw DynamoException.validation(
                        "Names of key attributes and attributes projected into an index must be between 1 and 255 characters, inclusive");
            }
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw DynamoException.validation("Cannot have two attributes with the same name");
        }
        return names;
    }
}

package io.atolldb.router.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atolldb.model.KeySchema;
import io.atolldb.model.KeySchema.KeyAttribute;
import io.atolldb.model.KeySchema.ScalarType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CreateTable: checks the request as DynamoDB does (structure first, then the key schema against the
 * attribute definitions, then billing mode against provisioned throughput, then the secondary indexes,
 * {@link SecondaryIndexRules}, then the tags, {@link TagRules}) and answers the new table's description.
 * Streams are refused: AtollDB does not support them yet.
 */
final class CreateTableHandler implements OperationHandler<CreateTableRequest, TableDescription> {
    private enum KeyType { HASH, RANGE }

    /** One KeySchema element as sent; toString matches how DynamoDB shows it in messages. */
    private record KeyElement(String name, KeyType type) {
        @Override
        public String toString() {
            return "KeySchemaElement(attributeName=" + name + ", keyType=" + type + ")";
        }
    }

    private final TableDescriptionJson tables;

    CreateTableHandler(TableDescriptionJson tables) {
        this.tables = tables;
    }

    @Override
    public CreateTableRequest parse(JsonFields request) {
        rejectEnabledStream(request.object("StreamSpecification"));
        Violations violations = new Violations();
        String tableName = RequestRules.tableName(request, violations);
        List<KeyElement> keys = keyElements(request.objects("KeySchema"), violations);
        List<AttributeDefinition> definitions = attributeDefinitions(request.objects("AttributeDefinitions"), violations);
        BillingMode billingMode = violations.enumValue(request.string("BillingMode"), "billingMode", BillingMode.class);
        ProvisionedThroughput throughput = throughput(request.object("ProvisionedThroughput"), violations);
        SecondaryIndexRules.Declarations declaredIndexes = SecondaryIndexRules.structure(request, violations);
        Map<String, String> tags = TagRules.parse(request.objects("Tags"), "tags", violations);
        violations.throwIfAny();

        KeySchema keySchema = keySchema(keys, definitions, declaredIndexes.any());
        billingMode = billingMode == null ? BillingMode.PROVISIONED : billingMode;
        checkBilling(billingMode, throughput);
        List<IndexDefinition> indexes = declaredIndexes.any()
                ? SecondaryIndexRules.indexes(declaredIndexes, keySchema, definitionTypes(definitions), billingMode)
                : List.of();
        if (tags != null) {
            TagRules.checkNotReserved(tags);
        }
        return new CreateTableRequest(tableName, keySchema, definitions, billingMode, throughput, indexes,
                tags == null ? Map.of() : tags);
    }

    @Override
    public TableDescription call(DynamoService service, CreateTableRequest request) {
        return service.createTable(request);
    }

    @Override
    public ObjectNode render(TableDescription result) {
        return JsonNodeFactory.instance.objectNode().set("TableDescription", tables.render(result));
    }

    private static void rejectEnabledStream(JsonFields stream) {
        if (stream != null && Boolean.TRUE.equals(stream.bool("StreamEnabled"))) {
            throw DynamoException.validation("AtollDB does not support the parameter StreamSpecification yet");
        }
    }

    private static List<KeyElement> keyElements(List<JsonFields> elements, Violations violations) {
        if (!violations.requirePresent(elements, "keySchema")) {
            return List.of();
        }
        List<KeyElement> keys = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            String path = "keySchema." + (i + 1) + ".member.";
            String name = attributeName(elements.get(i), path + "attributeName", violations);
            String typeText = elements.get(i).string("KeyType");
            KeyType type = violations.requirePresent(typeText, path + "keyType")
                    ? violations.enumValue(typeText, path + "keyType", KeyType.class)
                    : null;
            keys.add(new KeyElement(name, type));
        }
        violations.checkSize(keys, keys.size(), "keySchema", 1, 2);
        return keys;
    }

    private static List<AttributeDefinition> attributeDefinitions(List<JsonFields> elements, Violations violations) {
        if (!violations.requirePresent(elements, "attributeDefinitions")) {
            return List.of();
        }
        List<AttributeDefinition> definitions = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            String path = "attributeDefinitions." + (i + 1) + ".member.";
            String name = attributeName(elements.get(i), path + "attributeName", violations);
            String typeText = elements.get(i).string("AttributeType");
            ScalarType type = violations.requirePresent(typeText, path + "attributeType")
                    ? violations.enumValue(typeText, path + "attributeType", ScalarType.class)
                    : null;
            if (name != null && type != null) {
                definitions.add(new AttributeDefinition(name, type));
            }
        }
        return definitions;
    }

    private static String attributeName(JsonFields element, String path, Violations violations) {
        String name = element.string("AttributeName");
        if (violations.requirePresent(name, path)) {
            violations.checkLength(name, path, 1, 255);
        }
        return name;
    }

    static ProvisionedThroughput throughput(JsonFields throughput, Violations violations) {
        if (throughput == null) {
            return null;
        }
        Long read = throughput.integer("ReadCapacityUnits");
        Long write = throughput.integer("WriteCapacityUnits");
        boolean complete = violations.requirePresent(read, "provisionedThroughput.readCapacityUnits")
                & violations.requirePresent(write, "provisionedThroughput.writeCapacityUnits");
        if (!complete) {
            return null;
        }
        violations.checkRange(read, "provisionedThroughput.readCapacityUnits", 1, Long.MAX_VALUE);
        violations.checkRange(write, "provisionedThroughput.writeCapacityUnits", 1, Long.MAX_VALUE);
        return read >= 1 && write >= 1 ? new ProvisionedThroughput(read, write) : null;
    }

    private static Map<String, ScalarType> definitionTypes(List<AttributeDefinition> definitions) {
        Map<String, ScalarType> types = new LinkedHashMap<>();
        definitions.forEach(d -> types.put(d.name(), d.type()));
        return types;
    }

    /**
     * Matches the key elements with the attribute definitions. Without indexes they must define exactly
     * the key attributes; with indexes, the index rules check that every definition is used.
     */
    private static KeySchema keySchema(List<KeyElement> keys, List<AttributeDefinition> definitions, boolean indexes) {
        if (keys.get(0).type() != KeyType.HASH) {
            throw DynamoException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (keys.size() == 2) {
            if (keys.get(1).type() != KeyType.RANGE) {
                throw DynamoException.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
            }
            if (keys.get(0).name().equals(keys.get(1).name())) {
                throw DynamoException.validation(
                        "Both the Hash Key and the Range Key element in the KeySchema have the same name");
            }
        }
        Map<String, ScalarType> types = new LinkedHashMap<>();
        for (AttributeDefinition definition : definitions) {
            if (types.put(definition.name(), definition.type()) != null) {
                throw DynamoException.validation("Cannot have two attributes with the same name");
            }
        }
        List<String> keyNames = keys.stream().map(KeyElement::name).toList();
        if (!types.keySet().containsAll(new HashSet<>(keyNames))) {
            throw DynamoException.invalidParameter("Some index key attributes are not defined in AttributeDefinitions. "
                    + "Keys: " + keyNames + ", AttributeDefinitions: " + types.keySet());
        }
        if (!indexes && types.size() != keys.size()) {
            throw DynamoException.invalidParameter("Number of attributes in KeySchema does not exactly match "
                    + "number of attributes defined in AttributeDefinitions");
        }
        KeyAttribute partitionKey = new KeyAttribute(keys.get(0).name(), types.get(keys.get(0).name()));
        Optional<KeyAttribute> sortKey = keys.size() == 2
                ? Optional.of(new KeyAttribute(keys.get(1).name(), types.get(keys.get(1).name())))
                : Optional.empty();
        return new KeySchema(partitionKey, sortKey);
    }

    private static void checkBilling(BillingMode billingMode, ProvisionedThroughput throughput) {
        if (billingMode == BillingMode.PROVISIONED && throughput == null) {
            throw DynamoException.invalidParameter(
                    "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        }
        if (billingMode == BillingMode.PAY_PER_REQUEST && throughput != null) {
            throw DynamoException.invalidParameter(
                    "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        }
    }
}

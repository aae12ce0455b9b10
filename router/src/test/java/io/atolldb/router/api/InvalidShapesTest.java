package io.atolldb.router.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nulls, empty collections and limits answered as DynamoDB answers them (type and message; DynamoDB Local's
 * wording where the API reference gives none), before the service is called.
 */
class InvalidShapesTest {
    private static final String VALIDATION = "com.amazon.coral.validate#ValidationException";
    private static final String SERIALIZATION = "com.amazon.coral.service#SerializationException";
    private static final String KEY = "'Key':{'pk':{'S':'a'}}";
    private static final String ARN = "'ResourceArn':'arn:aws:dynamodb:us-east-1:000000000000:table/Music'";
    private static final String TABLE = "'TableName':'Music','BillingMode':'PAY_PER_REQUEST',"
            + "'AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'}],'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}]";

    private final DynamoApi api = new DynamoApi(new CapturingService());

    record Case(String description, String operation, String body, String type, String message) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a null list of writes for a table", "BatchWriteItem", "{'RequestItems':{'Music':null}}", VALIDATION,
                        "The batch write request list for a table cannot be null or empty: Music"),
                new Case("a null entry for a table of a BatchGetItem", "BatchGetItem", "{'RequestItems':{'Music':null}}", VALIDATION,
                        "The list of keys in RequestItems for BatchGetItem is required: Music has empty list"),
                new Case("a null Expected entry", "DeleteItem", "{'TableName':'Music'," + KEY + ",'Expected':{'S':null}}",
                        VALIDATION, "One or more parameter values were invalid: ExpectedAttributeValue must not be null for Attribute: S"),
                new Case("an empty AttributesToGet of a GetItem", "GetItem", "{'TableName':'Music'," + KEY + ",'AttributesToGet':[]}",
                        VALIDATION, "1 validation error detected: Value '[]' at 'attributesToGet' failed to satisfy constraint: "
                                + "Member must have length greater than or equal to 1"),
                new Case("an empty AttributesToGet of a Query", "Query", "{'TableName':'Music','KeyConditions':{'pk':"
                        + "{'ComparisonOperator':'EQ','AttributeValueList':[{'S':'a'}]}},'AttributesToGet':[]}", VALIDATION,
                        "1 validation error detected: Value '[]' at 'attributesToGet' failed to satisfy constraint: "
                                + "Member must have length greater than or equal to 1"),
                new Case("an empty name in AttributesToGet", "GetItem", "{'TableName':'Music'," + KEY + ",'AttributesToGet':['']}",
                        VALIDATION, "Empty attribute name"),
                new Case("a null name in AttributesToGet", "GetItem", "{'TableName':'Music'," + KEY + ",'AttributesToGet':[null]}",
                        VALIDATION, "1 validation error detected: Value null at 'attributesToGet.1.member' failed to satisfy "
                                + "constraint: Member must not be null"),
                new Case("an empty attribute name in Expected", "PutItem", "{'TableName':'Music','Item':{'pk':{'S':'a'}},"
                        + "'Expected':{'':{'Exists':false}}}", VALIDATION, "Empty attribute name"),
                new Case("an empty attribute name in AttributeUpdates", "UpdateItem", "{'TableName':'Music'," + KEY
                        + ",'AttributeUpdates':{'':{'Action':'DELETE'}}}", VALIDATION, "Empty attribute name"),
                new Case("an empty attribute name in a ScanFilter", "Scan", "{'TableName':'Music','ScanFilter':{'':"
                        + "{'ComparisonOperator':'NULL'}}}", VALIDATION, "Empty attribute name"),
                new Case("a null key condition", "Query", "{'TableName':'Music','KeyConditions':{'pk':null}}", VALIDATION,
                        "The filter condition for an attribute cannot be null: pk"),
                new Case("a null scan filter entry", "Scan", "{'TableName':'Music','ScanFilter':{'a':null}}", VALIDATION,
                        "The filter condition for an attribute cannot be null: a"),
                new Case("a null attribute update", "UpdateItem", "{'TableName':'Music'," + KEY + ",'AttributeUpdates':{'a':null}}",
                        VALIDATION, "One or more parameter values were invalid: AttributeValueUpdate must not be null for Attribute: a"),
                new Case("a null attribute value", "PutItem", "{'TableName':'Music','Item':{'pk':{'S':'a'},'x':null}}", VALIDATION,
                        "The supplied Item contains a null AttributeValue: x is null"),
                new Case("a null list element", "PutItem", "{'TableName':'Music','Item':{'pk':{'S':'a'},'x':{'L':[null]}}}",
                        VALIDATION, "The supplied Item contains a null AttributeValue"),
                new Case("a null string set member", "PutItem", "{'TableName':'Music','Item':{'pk':{'S':'a'},'x':{'SS':[null]}}}",
                        VALIDATION, "One or more parameter values were invalid: An string set may not have a null string as a member"),
                new Case("a null expression attribute value", "GetItem", "{'TableName':'Music'," + KEY
                        + ",'ProjectionExpression':'a','ExpressionAttributeValues':{':v':null}}", VALIDATION,
                        "ExpressionAttributeValues contains invalid value: The supplied Item contains a null AttributeValue for key :v"),
                new Case("a null expression attribute name", "GetItem", "{'TableName':'Music'," + KEY
                        + ",'ProjectionExpression':'#a','ExpressionAttributeNames':{'#a':null}}", VALIDATION,
                        "ExpressionAttributeNames contains invalid value: null for key #a"),
                new Case("a null transaction item", "TransactWriteItems", "{'TransactItems':[null]}", VALIDATION,
                        "1 validation error detected: Value null at 'transactItems.1.member' failed to satisfy constraint: "
                                + "Member must not be null"),
                new Case("a null key schema element of an index", "CreateTable", "{" + TABLE + ",'GlobalSecondaryIndexes':"
                        + "[{'IndexName':'ByX','KeySchema':[null],'Projection':{'ProjectionType':'ALL'}}]}", VALIDATION,
                        "1 validation error detected: Value null at 'globalSecondaryIndexes.1.member.keySchema.1.member' "
                                + "failed to satisfy constraint: Member must not be null"),
                new Case("a projected attribute with an empty name", "CreateTable", "{" + TABLE + ",'GlobalSecondaryIndexes':"
                        + "[{'IndexName':'ByX','KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}],"
                        + "'Projection':{'ProjectionType':'INCLUDE','NonKeyAttributes':['']}}]}", VALIDATION,
                        "Names of key attributes and attributes projected into an index must be between 1 and 255 characters, inclusive"),
                new Case("an attribute projected twice into one index", "CreateTable", "{" + TABLE + ",'GlobalSecondaryIndexes':"
                        + "[{'IndexName':'ByX','KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}],"
                        + "'Projection':{'ProjectionType':'INCLUDE','NonKeyAttributes':['a','a']}}]}", VALIDATION,
                        "Cannot have two attributes with the same name"),
                new Case("more than 100 projected attributes over all indexes", "CreateTable", "{" + TABLE
                        + ",'GlobalSecondaryIndexes':[" + indexes(6, 20) + "]}", VALIDATION,
                        "One or more parameter values were invalid: The number of projected attributes in all indexes of the "
                                + "table (120) exceeds the limit of 100"),
                new Case("a tag key with a character tags may not hold", "TagResource", "{" + ARN
                        + ",'Tags':[{'Key':'team!','Value':'core'}]}", VALIDATION,
                        "1 validation error detected: Value 'team!' at 'tags.1.member.key' failed to satisfy constraint: "
                                + "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}\\s+\\-=._:/]*"),
                new Case("a tag key with the reserved prefix", "TagResource", "{" + ARN + ",'Tags':[{'Key':'AWS:team','Value':''}]}",
                        VALIDATION, "Invalid tag key AWS:team: the prefix aws: is reserved for AWS-assigned tags"),
                new Case("a tag key of 129 characters", "TagResource", "{" + ARN + ",'Tags':[{'Key':'" + "k".repeat(129)
                        + "','Value':''}]}", VALIDATION, "1 validation error detected: Value '" + "k".repeat(129)
                        + "' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128"),
                new Case("an empty tag key to remove", "UntagResource", "{" + ARN + ",'TagKeys':['']}", VALIDATION,
                        "1 validation error detected: Value '' at 'tagKeys.1.member' failed to satisfy constraint: "
                                + "Member must have length greater than or equal to 1"),
                new Case("a value of another JSON type", "GetItem", "{'TableName':'Music'," + KEY + ",'AttributesToGet':[1]}",
                        SERIALIZATION, "Unexpected JSON type for 'AttributesToGet[0]': expected a string but found number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isAnsweredWithDynamoDbsErrorBeforeTheServiceIsCalled(Case c) {
        ApiCall call = ApiCall.call(api, c.operation(), c.body());
        assertThat(call.status()).isEqualTo(400);
        assertThat(call.errorType()).isEqualTo(c.type());
        assertThat(call.message()).isEqualTo(c.message());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void aBodyThatIsNotUtf8JsonIsASerializationException(String description, byte[] body) {
        ApiResponse response = api.handle(DynamoApi.TARGET_PREFIX + "ListTables", body, "test");
        assertThat(response.httpStatus()).isEqualTo(400);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains(SERIALIZATION);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> bodies() {
        byte[] utf32 = {0, 0, 0, 0, 0, 0, 0, 3, '{', '}'};
        byte[] badUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};
        return Stream.of(org.junit.jupiter.params.provider.Arguments.of("read by Jackson as UTF-32 (fuzzer finding)", utf32),
                org.junit.jupiter.params.provider.Arguments.of("a cut UTF-8 sequence", badUtf8));
    }

    @org.junit.jupiter.api.Test
    void anAttributeNameOf64KbIsReadAsAnyOther() {
        ApiCall call = ApiCall.call(api, "PutItem", "{'TableName':'Music','Item':{'pk':{'S':'a'},'" + "n".repeat(65_535) + "':{'S':'v'}}}");
        assertThat(call.status()).isEqualTo(200);
    }

    /** {@code count} global indexes with {@code attributes} projected attributes each. */
    private static String indexes(int count, int attributes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            StringBuilder names = new StringBuilder();
            for (int a = 0; a < attributes; a++) {
                names.append(a == 0 ? "" : ",").append("'a").append(i).append('_').append(a).append('\'');
            }
            out.append(i == 0 ? "" : ",").append("{'IndexName':'By").append(i).append("','KeySchema':[{'AttributeName':'pk',")
                    .append("'KeyType':'HASH'}],'Projection':{'ProjectionType':'INCLUDE','NonKeyAttributes':[").append(names)
                    .append("]}}");
        }
        return out.toString();
    }
}

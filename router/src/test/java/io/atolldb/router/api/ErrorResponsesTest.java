package io.atolldb.router.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.atolldb.model.ValidationError;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden error answers: request in, DynamoDB's status, __type and message out. */
class ErrorResponsesTest {
    private static final String VALIDATION = "com.amazon.coral.validate#ValidationException";
    private static final String SERIALIZATION = "com.amazon.coral.service#SerializationException";
    private static final String UNKNOWN_OPERATION = "com.amazon.coral.service#UnknownOperationException";
    private static final String KEYS = "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}]";
    private static final String DEFINITIONS = "'AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'}]";
    private static final String THROUGHPUT = "'ProvisionedThroughput':{'ReadCapacityUnits':5,'WriteCapacityUnits':5}";

    private final DynamoApi api = new DynamoApi(FailingService.unreachable());

    /** One golden case: {@code target} is an operation name, or a whole X-Amz-Target when it contains '_'. */
    record Golden(String description, String target, String body, String type, String message) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Golden> goldenErrors() {
        return Stream.of(
                new Golden("an operation DynamoDB does not have", "DynamoDB_20120810.Frobnicate", "{}",
                        UNKNOWN_OPERATION, "Unknown operation: DynamoDB_20120810.Frobnicate"),
                new Golden("another API version's target", "DynamoDB_20111205.GetItem", "{}",
                        UNKNOWN_OPERATION, "Unknown operation: DynamoDB_20111205.GetItem"),
                new Golden("a body that is a JSON array", "DescribeTable", "[]",
                        SERIALIZATION, "The request body must be a JSON object"),
                new Golden("a table name that is a number", "DescribeTable", "{'TableName':5}",
                        SERIALIZATION, "Unexpected JSON type for 'TableName': expected a string but found number"),
                new Golden("a limit that is a string", "ListTables", "{'Limit':'5'}",
                        SERIALIZATION, "Unexpected JSON type for 'Limit': expected an integer but found string"),
                new Golden("a string value that is a number", "PutItem", "{'TableName':'tbl','Item':{'a':{'S':1}}}",
                        SERIALIZATION, "Unexpected JSON type for 'Item.a.S': expected a string but found number"),
                new Golden("a missing table name", "DescribeTable", "{}", VALIDATION,
                        "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: "
                                + "Member must not be null"),
                new Golden("a too short table name", "DescribeTable", "{'TableName':'x'}", VALIDATION,
                        "1 validation error detected: Value 'x' at 'tableName' failed to satisfy constraint: "
                                + "Member must have length greater than or equal to 3"),
                new Golden("a too long table name", "DeleteTable", "{'TableName':'" + "t".repeat(256) + "'}", VALIDATION,
                        "1 validation error detected: Value '" + "t".repeat(256) + "' at 'tableName' failed to "
                                + "satisfy constraint: Member must have length less than or equal to 255"),
                new Golden("a table name with a space", "DescribeTable", "{'TableName':'bad name'}", VALIDATION,
                        "1 validation error detected: Value 'bad name' at 'tableName' failed to satisfy constraint: "
                                + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"),
                new Golden("a table name breaking two rules", "DescribeTable", "{'TableName':'a!'}", VALIDATION,
                        "2 validation errors detected: Value 'a!' at 'tableName' failed to satisfy constraint: "
                                + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value 'a!' at "
                                + "'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"),
                new Golden("a GetItem without table name and key", "GetItem", "{}", VALIDATION,
                        "2 validation errors detected: Value null at 'tableName' failed to satisfy constraint: "
                                + "Member must not be null; Value null at 'key' failed to satisfy constraint: "
                                + "Member must not be null"),
                new Golden("a ListTables limit of zero", "ListTables", "{'Limit':0}", VALIDATION,
                        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                                + "Member must have value greater than or equal to 1"),
                new Golden("a ListTables limit above 100", "ListTables", "{'Limit':101}", VALIDATION,
                        "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: "
                                + "Member must have value less than or equal to 100"),
                new Golden("a too short start table name", "ListTables", "{'ExclusiveStartTableName':'ab'}", VALIDATION,
                        "1 validation error detected: Value 'ab' at 'exclusiveStartTableName' failed to satisfy "
                                + "constraint: Member must have length greater than or equal to 3"),
                new Golden("an attribute definition no key uses", "CreateTable",
                        "{'TableName':'tbl'," + KEYS + ",'AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'},"
                                + "{'AttributeName':'extra','AttributeType':'N'}]," + THROUGHPUT + "}",
                        VALIDATION, "One or more parameter values were invalid: Number of attributes in KeySchema does "
                                + "not exactly match number of attributes defined in AttributeDefinitions"),
                new Golden("a key attribute without definition", "CreateTable",
                        "{'TableName':'tbl'," + KEYS + ",'AttributeDefinitions':[{'AttributeName':'other','AttributeType':'S'}],"
                                + THROUGHPUT + "}",
                        VALIDATION, "One or more parameter values were invalid: Some index key attributes are not "
                                + "defined in AttributeDefinitions. Keys: [pk], AttributeDefinitions: [other]"),
                new Golden("a first key element that is not HASH", "CreateTable",
                        "{'TableName':'tbl','KeySchema':[{'AttributeName':'pk','KeyType':'RANGE'}]," + DEFINITIONS + ","
                                + THROUGHPUT + "}",
                        VALIDATION, "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"),
                new Golden("a key type DynamoDB does not know", "CreateTable",
                        "{'TableName':'tbl','KeySchema':[{'AttributeName':'pk','KeyType':'PRIMARY'}]," + DEFINITIONS + ","
                                + THROUGHPUT + "}",
                        VALIDATION, "1 validation error detected: Value 'PRIMARY' at 'keySchema.1.member.keyType' "
                                + "failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]"),
                new Golden("three key elements", "CreateTable",
                        "{'TableName':'tbl','KeySchema':[{'AttributeName':'a','KeyType':'HASH'},"
                                + "{'AttributeName':'b','KeyType':'RANGE'},{'AttributeName':'c','KeyType':'RANGE'}],"
                                + DEFINITIONS + "," + THROUGHPUT + "}",
                        VALIDATION, "1 validation error detected: Value '[KeySchemaElement(attributeName=a, keyType=HASH), "
                                + "KeySchemaElement(attributeName=b, keyType=RANGE), KeySchemaElement(attributeName=c, "
                                + "keyType=RANGE)]' at 'keySchema' failed to satisfy constraint: Member must have length "
                                + "less than or equal to 2"),
                new Golden("PROVISIONED without throughput", "CreateTable",
                        "{'TableName':'tbl'," + KEYS + "," + DEFINITIONS + "}",
                        VALIDATION, "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits "
                                + "must both be specified when BillingMode is PROVISIONED"),
                new Golden("PAY_PER_REQUEST with throughput", "CreateTable",
                        "{'TableName':'tbl'," + KEYS + "," + DEFINITIONS + ",'BillingMode':'PAY_PER_REQUEST'," + THROUGHPUT + "}",
                        VALIDATION, "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
                                + "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"),
                new Golden("zero read capacity", "CreateTable",
                        "{'TableName':'tbl'," + KEYS + "," + DEFINITIONS
                                + ",'ProvisionedThroughput':{'ReadCapacityUnits':0,'WriteCapacityUnits':5}}",
                        VALIDATION, "1 validation error detected: Value '0' at 'provisionedThroughput.readCapacityUnits' "
                                + "failed to satisfy constraint: Member must have value greater than or equal to 1"),
                new Golden("an unknown billing mode", "CreateTable",
                        "{'TableName':'tbl'," + KEYS + "," + DEFINITIONS + ",'BillingMode':'FREE'}",
                        VALIDATION, "1 validation error detected: Value 'FREE' at 'billingMode' failed to satisfy "
                                + "constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]"),
                new Golden("an empty list of global secondary indexes", "CreateTable",
                        "{'TableName':'tbl'," + KEYS + "," + DEFINITIONS + "," + THROUGHPUT + ",'GlobalSecondaryIndexes':[]}",
                        VALIDATION, "One or more parameter values were invalid: List of GlobalSecondaryIndexes is empty"),
                new Golden("PutItem returning the new item", "PutItem",
                        "{'TableName':'tbl','Item':{'pk':{'S':'a'}},'ReturnValues':'ALL_NEW'}",
                        VALIDATION, "One or more parameter values were invalid: Return values set to invalid value"),
                new Golden("DeleteItem returning updated attributes", "DeleteItem",
                        "{'TableName':'tbl','Key':{'pk':{'S':'a'}},'ReturnValues':'UPDATED_OLD'}",
                        VALIDATION, "One or more parameter values were invalid: Return values set to invalid value"),
                new Golden("a ReturnValues DynamoDB does not know", "PutItem",
                        "{'TableName':'tbl','Item':{'pk':{'S':'a'}},'ReturnValues':'SOME'}",
                        VALIDATION, "1 validation error detected: Value 'SOME' at 'returnValues' failed to satisfy "
                                + "constraint: Member must satisfy enum value set: [NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW]"),
                new Golden("a condition expression with an unused value", "PutItem",
                        "{'TableName':'tbl','Item':{'pk':{'S':'a'}},'ConditionExpression':'attribute_not_exists(pk)',"
                                + "'ExpressionAttributeValues':{':v':{'S':'x'}}}",
                        VALIDATION, "Value provided in ExpressionAttributeValues unused in expressions: keys: {:v}"),
                new Golden("placeholders without an expression", "DeleteItem",
                        "{'TableName':'tbl','Key':{'pk':{'S':'a'}},'ExpressionAttributeNames':{'#n':'x'}}",
                        VALIDATION, "ExpressionAttributeNames can only be specified when using expressions"),
                new Golden("a projection naming an undefined placeholder", "GetItem",
                        "{'TableName':'tbl','Key':{'pk':{'S':'a'}},'ProjectionExpression':'#p'}",
                        VALIDATION, "Invalid ProjectionExpression: An expression attribute name used in the document path is "
                                + "not defined; attribute name: #p"),
                new Golden("an empty attribute value", "PutItem", "{'TableName':'tbl','Item':{'a':{}}}", VALIDATION,
                        "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
                new Golden("an attribute value with two types", "PutItem",
                        "{'TableName':'tbl','Item':{'a':{'S':'x','N':'1'}}}", VALIDATION,
                        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
                                + "supported datatypes"),
                new Golden("NULL set to false", "PutItem", "{'TableName':'tbl','Item':{'a':{'NULL':false}}}", VALIDATION,
                        "One or more parameter values were invalid: Null attribute value types must have the value of true"),
                new Golden("a number that is not one", "GetItem", "{'TableName':'tbl','Key':{'a':{'N':'abc'}}}", VALIDATION,
                        "The parameter cannot be converted to a numeric value: abc"),
                new Golden("an empty string set", "PutItem", "{'TableName':'tbl','Item':{'a':{'SS':[]}}}", VALIDATION,
                        "One or more parameter values were invalid: An string set  may not be empty"),
                new Golden("an empty binary set", "PutItem", "{'TableName':'tbl','Item':{'a':{'BS':[]}}}", VALIDATION,
                        "One or more parameter values were invalid: Binary sets should not be empty"),
                new Golden("a string set with duplicates", "PutItem",
                        "{'TableName':'tbl','Item':{'a':{'SS':['x','x']}}}", VALIDATION,
                        "Input collection [x, x] contains duplicates."),
                new Golden("a number set with one number written twice", "PutItem",
                        "{'TableName':'tbl','Item':{'a':{'NS':['1','1.0']}}}", VALIDATION,
                        "Input collection [1, 1.0] contains duplicates."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenErrors")
    void requestsDynamoDbRejectsGetItsErrorTypeAndMessage(Golden golden) {
        String target = golden.target().contains("_") ? golden.target() : DynamoApi.TARGET_PREFIX + golden.target();

        ApiCall answer = ApiCall.callTarget(api, target, golden.body());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorType()).isEqualTo(golden.type());
        assertThat(answer.message()).isEqualTo(golden.message());
    }

    @Test
    void aRequestWithoutTargetIsAnUnknownOperation() {
        ApiCall answer = ApiCall.callTarget(api, null, "{}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorType()).isEqualTo(UNKNOWN_OPERATION);
        assertThat(answer.message()).isEqualTo("Missing X-Amz-Target header");
        assertThat(answer.response().operation()).isEqualTo(DynamoApi.UNKNOWN_OPERATION);
        assertThat(answer.response().outcome()).isEqualTo("UnknownOperationException");
    }

    @Test
    void malformedJsonIsASerializationException() {
        for (String body : new String[] {"{'TableName': ", "not json", "{} {}", ""}) {
            ApiCall answer = ApiCall.call(api, "DescribeTable", body);

            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.errorType()).as(body).isEqualTo(SERIALIZATION);
            assertThat(answer.message()).as(body).startsWith("The request body is");
        }
    }

    @Test
    void invalidBase64IsASerializationException() {
        ApiCall answer = ApiCall.call(api, "PutItem", "{'TableName':'tbl','Item':{'a':{'B':'not base64!'}}}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorType()).isEqualTo(SERIALIZATION);
        assertThat(answer.message()).startsWith("Base64 encoded binary value is invalid");
    }

    @Test
    void attributeValuesNestedDeeperThanDynamoDbAllowsAreRejected() {
        String deep = "{'M':{'a':".repeat(AttributeValueJson.MAX_NESTING + 1) + "{'S':'x'}" + "}}".repeat(AttributeValueJson.MAX_NESTING + 1);
        String allowed = "{'M':{'a':".repeat(AttributeValueJson.MAX_NESTING) + "{'S':'x'}" + "}}".repeat(AttributeValueJson.MAX_NESTING);

        ApiCall rejected = ApiCall.call(api, "PutItem", "{'TableName':'tbl','Item':{'a':" + deep + "}}");
        ApiCall accepted = ApiCall.call(new DynamoApi(new CapturingService()), "PutItem",
                "{'TableName':'tbl','Item':{'a':" + allowed + "}}");

        assertThat(rejected.errorType()).isEqualTo(VALIDATION);
        assertThat(rejected.message())
                .isEqualTo("One or more parameter values were invalid: Nesting Levels have exceeded supported limits");
        assertThat(accepted.status()).isEqualTo(200);
    }

    @Test
    void backendErrorsKeepTheirTypeAndMessage() {
        DynamoApi backendSaysNotFound = new DynamoApi(new FailingService(() -> DynamoException.tableNotFound("Music")));

        ApiCall answer = ApiCall.call(backendSaysNotFound, "DescribeTable", "{'TableName':'Music'}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorType()).isEqualTo("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
        assertThat(answer.message()).isEqualTo("Requested resource not found: Table: Music not found");
        assertThat(answer.response().outcome()).isEqualTo("ResourceNotFoundException");
    }

    @Test
    void aModelValidationErrorBecomesAValidationException() {
        DynamoApi backendRejectsItem = new DynamoApi(new FailingService(
                () -> new ValidationError("One or more parameter values were invalid: Missing the key pk in the item")));

        ApiCall answer = ApiCall.call(backendRejectsItem, "PutItem", "{'TableName':'tbl','Item':{'a':{'S':'x'}}}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorType()).isEqualTo(VALIDATION);
        assertThat(answer.message()).isEqualTo("One or more parameter values were invalid: Missing the key pk in the item");
    }

    @Test
    void anUnexpectedFailureIsAGenericInternalServerErrorWithoutDetails() {
        DynamoApi backendBreaks = new DynamoApi(new FailingService(
                () -> new IllegalStateException("secret detail of node 10.0.0.7")));

        ApiCall answer = ApiCall.call(backendBreaks, "GetItem", "{'TableName':'tbl','Key':{'pk':{'S':'a'}}}");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.errorType()).isEqualTo("com.amazonaws.dynamodb.v20120810#InternalServerError");
        assertThat(answer.message()).isEqualTo("Internal server error");
        assertThat(answer.body().toString()).doesNotContain("secret", "10.0.0.7", "IllegalStateException", "at io.");
    }

    @Test
    void serviceUnavailableIsAnsweredWithStatus503() {
        DynamoApi backendUnavailable = new DynamoApi(new FailingService(
                () -> new DynamoException(ErrorType.ServiceUnavailable, "No leader for partition")));

        ApiCall answer = ApiCall.call(backendUnavailable, "ListTables", "{}");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.errorType()).endsWith("#ServiceUnavailable");
        assertThat(answer.message()).isEqualTo("No leader for partition");
    }
}

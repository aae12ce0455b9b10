package io.atolldb.router.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;

/** TransactWriteItems and TransactGetItems at the API: checks, the cancellation error's JSON, capacity. */
class TransactionResponsesTest {
    private static final String VALIDATION = "com.amazon.coral.validate#ValidationException";
    private static final String PUT = "{'Put':{'TableName':'tbl','Item':{'pk':{'S':'a'}}}}";

    /** A backend that records the request and answers as told. */
    private static final class Backend implements DynamoService {
        Object last;
        RuntimeException failure;

        @Override
        public TransactWriteResult transactWriteItems(TransactWriteRequest request) {
            last = request;
            if (failure != null) {
                throw failure;
            }
            return new TransactWriteResult(List.of(ConsumedCapacity.transactional("tbl", 2, 4)));
        }

        @Override
        public TransactGetResult transactGetItems(TransactGetRequest request) {
            last = request;
            return new TransactGetResult(List.of(Optional.of(new Item(Map.of("pk", new AttributeValue.S("a")))), Optional.empty()),
                    List.of(ConsumedCapacity.transactional("tbl", 4, 0)));
        }

        // Operations these tests do not reach.
        @Override public TableDescription createTable(CreateTableRequest r) { throw new UnsupportedOperationException(); }
        @Override public TableDescription describeTable(String t) { throw new UnsupportedOperationException(); }
        @Override public TableDescription deleteTable(String t) { throw new UnsupportedOperationException(); }
        @Override public ListTablesResult listTables(String s, int l) { throw new UnsupportedOperationException(); }
        @Override public WriteItemResult putItem(PutItemRequest r) { throw new UnsupportedOperationException(); }
        @Override public GetItemResult getItem(GetItemRequest r) { throw new UnsupportedOperationException(); }
        @Override public WriteItemResult deleteItem(DeleteItemRequest r) { throw new UnsupportedOperationException(); }
        @Override public WriteItemResult updateItem(UpdateItemRequest r) { throw new UnsupportedOperationException(); }
        @Override public PageResult query(QueryRequest r) { throw new UnsupportedOperationException(); }
        @Override public PageResult scan(ScanRequest r) { throw new UnsupportedOperationException(); }
        @Override public BatchGetResult batchGetItem(BatchGetRequest r) { throw new UnsupportedOperationException(); }
        @Override public BatchWriteResult batchWriteItem(BatchWriteRequest r) { throw new UnsupportedOperationException(); }
        @Override public TableDescription updateTable(UpdateTableRequest r) { throw new UnsupportedOperationException(); }
        @Override public void tagResource(String t, Map<String, String> tags) { throw new UnsupportedOperationException(); }
        @Override public void untagResource(String t, List<String> keys) { throw new UnsupportedOperationException(); }
        @Override public Map<String, String> listTags(String t) { throw new UnsupportedOperationException(); }
    }

    private final Backend backend = new Backend();
    private final DynamoApi api = new DynamoApi(backend);

    @Test
    void aCancelledTransactionAnswersItsReasonsInOrderWithTheFailedItem() throws Exception {
        backend.failure = DynamoException.transactionCanceled(List.of(CancellationReason.none(),
                new CancellationReason(CancellationReason.CONDITIONAL_CHECK_FAILED, "The conditional request failed",
                        Map.of("pk", new AttributeValue.S("b"))),
                new CancellationReason(CancellationReason.TRANSACTION_CONFLICT, "Transaction is ongoing for the item", null)));

        ApiCall answer = ApiCall.call(api, "TransactWriteItems", "{'TransactItems':[" + PUT + "]}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo(new ObjectMapper().readTree(("{"
                + "'__type':'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',"
                + "'message':'Transaction cancelled, please refer cancellation reasons for specific reasons "
                + "[None, ConditionalCheckFailed, TransactionConflict]',"
                + "'CancellationReasons':[{'Code':'None'},"
                + "{'Code':'ConditionalCheckFailed','Message':'The conditional request failed','Item':{'pk':{'S':'b'}}},"
                + "{'Code':'TransactionConflict','Message':'Transaction is ongoing for the item'}]}").replace('\'', '"')));
    }

    @Test
    void actionsAreParsedInOrderWithTheirConditionsAndToken() {
        ApiCall answer = ApiCall.call(api, "TransactWriteItems", "{'ClientRequestToken':'tok-1','TransactItems':["
                + PUT + ","
                + "{'Update':{'TableName':'tbl','Key':{'pk':{'S':'b'}},'UpdateExpression':'SET n = n - :d',"
                + "'ConditionExpression':'n >= :d','ExpressionAttributeValues':{':d':{'N':'5'}}}},"
                + "{'Delete':{'TableName':'tbl','Key':{'pk':{'S':'c'}}}},"
                + "{'ConditionCheck':{'TableName':'tbl','Key':{'pk':{'S':'d'}},'ConditionExpression':'attribute_exists(pk)',"
                + "'ReturnValuesOnConditionCheckFailure':'ALL_OLD'}}],"
                + "'ReturnConsumedCapacity':'INDEXES'}");

        assertThat(answer.status()).isEqualTo(200);
        var request = (TransactWriteRequest) backend.last;
        assertThat(request.clientRequestToken()).isEqualTo("tok-1");
        assertThat(request.actions()).extracting(action -> action.getClass().getSimpleName())
                .containsExactly("Put", "Update", "Delete", "ConditionCheck");
        assertThat(request.actions().get(1).condition().expression()).isEqualTo("n >= :d");
        assertThat(request.actions().get(3).returnOldOnConditionFailure()).isTrue();
        assertThat(answer.body().path("ConsumedCapacity").get(0).toString()).isEqualTo(("{'TableName':'tbl','CapacityUnits':6.0,"
                + "'ReadCapacityUnits':2.0,'WriteCapacityUnits':4.0,'Table':{'CapacityUnits':6.0,'ReadCapacityUnits':2.0,"
                + "'WriteCapacityUnits':4.0}}").replace('\'', '"'));
    }

    @Test
    void malformedTransactionsAreValidationErrorsBeforeTheBackend() {
        assertThat(ApiCall.call(api, "TransactWriteItems", "{'TransactItems':[]}").message()).isEqualTo(
                "1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
        String many = String.join(",", java.util.Collections.nCopies(101, PUT));
        ApiCall tooMany = ApiCall.call(api, "TransactWriteItems", "{'TransactItems':[" + many + "]}");
        assertThat(tooMany.errorType()).isEqualTo(VALIDATION);
        assertThat(tooMany.message()).contains("Member must have length less than or equal to 100");
        ApiCall twoKinds = ApiCall.call(api, "TransactWriteItems", "{'TransactItems':[{'Put':{'TableName':'tbl','Item':{}},"
                + "'Delete':{'TableName':'tbl','Key':{}}}]}");
        assertThat(twoKinds.errorType()).isEqualTo(VALIDATION);
        ApiCall checkWithoutCondition = ApiCall.call(api, "TransactWriteItems",
                "{'TransactItems':[{'ConditionCheck':{'TableName':'tbl','Key':{'pk':{'S':'a'}}}}]}");
        assertThat(checkWithoutCondition.message()).contains("'conditionExpression' failed to satisfy constraint: Member must not be null");
        ApiCall unusedValue = ApiCall.call(api, "TransactWriteItems", "{'TransactItems':[{'Put':{'TableName':'tbl',"
                + "'Item':{'pk':{'S':'a'}},'ConditionExpression':'attribute_not_exists(pk)','ExpressionAttributeValues':{':x':{'S':'1'}}}}]}");
        assertThat(unusedValue.errorType()).isEqualTo(VALIDATION);
        assertThat(ApiCall.call(api, "TransactGetItems", "{'TransactItems':[{'Put':{'TableName':'tbl'}}]}").errorType())
                .isEqualTo(VALIDATION);
        assertThat(backend.last).isNull();
    }

    @Test
    void transactGetItemsAnswersOneResponsePerGetInOrder() {
        ApiCall answer = ApiCall.call(api, "TransactGetItems", "{'TransactItems':[{'Get':{'TableName':'tbl','Key':{'pk':{'S':'a'}},"
                + "'ProjectionExpression':'#p','ExpressionAttributeNames':{'#p':'pk'}}},{'Get':{'TableName':'tbl','Key':{'pk':{'S':'z'}}}}],"
                + "'ReturnConsumedCapacity':'TOTAL'}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("Responses").toString()).isEqualTo("[{\"Item\":{\"pk\":{\"S\":\"a\"}}},{}]");
        assertThat(((TransactGetRequest) backend.last).gets().getFirst().expressions().projection()).isEqualTo("#p");
        assertThat(answer.body().path("ConsumedCapacity").get(0).path("ReadCapacityUnits").asDouble()).isEqualTo(4.0);
    }
}

package io.atolldb.router.cluster;

import com.google.protobuf.ByteString;
import io.atolldb.model.codec.ItemCodec;
import io.atolldb.proto.ReturnValues;
import io.atolldb.proto.WriteExpressions;
import io.atolldb.router.api.WriteCondition;

/** Converts the API's write conditions and return-value choices to their wire form in partition commands. */
final class WriteExpressionsMapping {
    private WriteExpressionsMapping() {
    }

    static WriteExpressions of(WriteCondition condition) {
        var expressions = WriteExpressions.newBuilder()
                .setConditionExpression(condition.expression())
                .putAllNames(condition.names());
        if (!condition.values().isEmpty()) {
            expressions.setValues(ByteString.copyFrom(ItemCodec.encodeKey(condition.values())));
        }
        return expressions.build();
    }

    static ReturnValues returnValues(io.atolldb.router.api.ReturnValues value) {
        return switch (value) {
            case NONE -> ReturnValues.RETURN_VALUES_NONE;
            case ALL_OLD -> ReturnValues.RETURN_VALUES_ALL_OLD;
            case UPDATED_OLD -> ReturnValues.RETURN_VALUES_UPDATED_OLD;
            case ALL_NEW -> ReturnValues.RETURN_VALUES_ALL_NEW;
            case UPDATED_NEW -> ReturnValues.RETURN_VALUES_UPDATED_NEW;
        };
    }
}

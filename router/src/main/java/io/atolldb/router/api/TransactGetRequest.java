package io.atolldb.router.api;

import java.util.List;
import java.util.Map;

import io.atolldb.model.AttributeValue;

/** A checked TransactGetItems: up to 100 Gets, each with its optional ProjectionExpression. */
public record TransactGetRequest(List<Get> gets) {

    public record Get(String tableName, Map<String, AttributeValue> key, ReadExpressions expressions) {
    }
}

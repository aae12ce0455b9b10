package io.atolldb.model.expr;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.atolldb.model.ValidationError;
import io.atolldb.model.expr.ast.ExpressionKind;
import java.nio.charset.StandardCharsets;
import java.util.Map;

class ExpressionFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void anyTextParsesOrIsRejected(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            Expressions.condition(text, Map.of(), Map.of(), ExpressionKind.CONDITION);
        } catch (ValidationError expected) {
        }
    }
}

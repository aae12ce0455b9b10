package io.atolldb.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemsTest {

    private static Item item(String name, AttributeValue value) {
        return new Item(Map.of(name, value));
    }

    @Test
    void emptySetsAreRejectedWithDynamoDbsWording() {
        assertThatThrownBy(() -> Items.validate(item("a", new AttributeValue.SS(List.of()))))
                .isInstanceOf(ValidationError.class)
                .hasMessage("One or more parameter values were invalid: An string set  may not be empty");
        assertThatThrownBy(() -> Items.validate(item("a", new AttributeValue.NS(List.of()))))
                .hasMessage("One or more parameter values were invalid: An number set  may not be empty");
        assertThatThrownBy(() -> Items.validate(item("a", new AttributeValue.BS(List.of()))))
                .hasMessage("One or more parameter values were invalid: Binary sets should not be empty");
    }

    @Test
    void anAttributeWithAnEmptyNameIsRejected() {
        assertThatThrownBy(() -> Items.validate(item("", new AttributeValue.S("x"))))
                .isInstanceOf(ValidationError.class)
                .hasMessage("Empty attribute name");
    }

    @Test
    void duplicateSetMembersAreRejectedWithDynamoDbsWording() {
        assertThatThrownBy(() -> Items.validate(item("a", new AttributeValue.SS(List.of("a", "a")))))
                .isInstanceOf(ValidationError.class)
                .hasMessage("One or more parameter values were invalid: Input collection [a, a] contains duplicates.");
        assertThatThrownBy(() -> Items.validate(item("a", new AttributeValue.NS(List.of(BigDecimal.ONE, new BigDecimal("1.0"))))))
                .hasMessage("Input collection contains duplicates");
        var b = Bytes.wrap(new byte[] {'b'});
        assertThatThrownBy(() -> Items.validate(item("a", new AttributeValue.BS(List.of(b, b)))))
                .hasMessage("One or more parameter values were invalid: Input collection [Yg==, Yg==]of type BS contains duplicates.");
    }

    @Test
    void setsNestedInListsAndMapsAreCheckedToo() {
        var nested = new AttributeValue.M(Map.of("x", new AttributeValue.L(List.of(new AttributeValue.SS(List.of())))));
        assertThatThrownBy(() -> Items.validate(item("a", nested))).hasMessageContaining("An string set  may not be empty");
    }

    @Test
    void numbersOutsideTheRangeAreRejected() {
        assertThatThrownBy(() -> Items.validate(item("a", new AttributeValue.N(new BigDecimal("1E-131")))))
                .hasMessageStartingWith("Number underflow");
        assertThatThrownBy(() -> Items.validate(item("a", new AttributeValue.NS(List.of(new BigDecimal("1E+126"))))))
                .hasMessageStartingWith("Number overflow");
    }

    @Test
    void valuesMayNestThirtyTwoLevelsCountingTheAttributeItself() {
        assertThatCode(() -> Items.validate(item("data", nestedMaps(31)))).doesNotThrowAnyException();
        assertThatThrownBy(() -> Items.validate(item("data", nestedMaps(32))))
                .isInstanceOf(ValidationError.class)
                .hasMessage("Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit");
    }

    @Test
    void emptyStringsAndBinariesAreFineOutsideKeys() {
        var attributes = new LinkedHashMap<String, AttributeValue>();
        attributes.put("s", new AttributeValue.S(""));
        attributes.put("b", new AttributeValue.B(Bytes.EMPTY));
        attributes.put("ss", new AttributeValue.SS(List.of("")));
        assertThatCode(() -> Items.validate(new Item(attributes))).doesNotThrowAnyException();
    }

    @Test
    void sizeFollowsTheDocumentedRules() {
        var attributes = new LinkedHashMap<String, AttributeValue>();
        attributes.put("id", new AttributeValue.S("abé"));                       // 2 + 4
        attributes.put("n", AttributeValue.N.of("12345"));                       // 1 + (3 + 1)
        attributes.put("z", AttributeValue.N.of("0"));                           // 1 + 1
        attributes.put("bin", new AttributeValue.B(Bytes.wrap(new byte[10])));   // 3 + 10
        attributes.put("t", new AttributeValue.Bool(true));                      // 1 + 1
        attributes.put("nil", AttributeValue.Null.INSTANCE);                     // 3 + 1
        attributes.put("l", new AttributeValue.L(List.of(new AttributeValue.S("ab"), new AttributeValue.L(List.of()))));
                                                                                 // 1 + 3 + (1 + 2) + (1 + 3)
        attributes.put("m", new AttributeValue.M(Map.of("k", new AttributeValue.S("v"))));  // 1 + 3 + 1 + 1 + 1
        attributes.put("ss", new AttributeValue.SS(List.of("a", "bc")));         // 2 + 3
        attributes.put("ns", new AttributeValue.NS(List.of(new BigDecimal("1.5"), new BigDecimal("100"))));  // 2 + 2 + 2
        attributes.put("bs", new AttributeValue.BS(List.of(Bytes.wrap(new byte[3]))));       // 2 + 3

        assertThat(Items.size(new Item(attributes)))
                .isEqualTo(6 + 5 + 2 + 13 + 2 + 4 + 11 + 7 + 5 + 6 + 5);
    }

    @Test
    void itemsMayBe400KilobytesAndNoMore() {
        var atLimit = item("a", new AttributeValue.S("x".repeat(400 * 1024 - 1)));
        var overLimit = item("a", new AttributeValue.S("x".repeat(400 * 1024)));

        assertThat(Items.size(atLimit)).isEqualTo(400 * 1024);
        assertThatCode(() -> Items.validate(atLimit)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Items.validate(overLimit)).isInstanceOf(ValidationError.class)
                .hasMessage("Item size has exceeded the maximum allowed size");
    }

    /** {@code depth} single-entry maps around a string: the string sits at level depth + 1. */
    private static AttributeValue nestedMaps(int depth) {
        AttributeValue value = new AttributeValue.S("leaf");
        for (int i = 0; i < depth; i++) {
            value = new AttributeValue.M(Map.of("n", value));
        }
        return value;
    }
}

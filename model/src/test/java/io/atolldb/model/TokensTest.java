package io.atolldb.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokensTest {

    /** These values decide where existing data lives: if this test fails, the change is wrong, not the test. */
    @Test
    void tokensNeverChange() {
        assertThat(Long.toUnsignedString(Tokens.of(1, new AttributeValue.S("alice")))).isEqualTo("4075557914115471807");
        assertThat(Long.toUnsignedString(Tokens.of(1, new AttributeValue.S("")))).isEqualTo("12578944933055510021");
        assertThat(Long.toUnsignedString(Tokens.of(42, AttributeValue.N.of("12.50")))).isEqualTo("1036968750277692688");
        assertThat(Long.toUnsignedString(Tokens.of(42, new AttributeValue.B(Bytes.wrap(new byte[] {1, 2, 3})))))
                .isEqualTo("12543375962911304093");
        assertThat(Long.toUnsignedString(Tokens.of(7, new AttributeValue.S("日本語")))).isEqualTo("10626545007409601198");
    }

    @Test
    void aTokenIsMurmur3OfTheDocumentedBytes() {
        byte[] value = "alice".getBytes(StandardCharsets.UTF_8);
        byte[] input = ByteBuffer.allocate(8 + 1 + value.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(1).put((byte) 'S').put(value).array();

        assertThat(Tokens.of(1, new AttributeValue.S("alice"))).isEqualTo(Hashing.murmur3_128(0).hashBytes(input).asLong());
    }

    @Test
    void numericallyEqualNumbersShareAToken() {
        long token = Tokens.of(9, AttributeValue.N.of("1"));
        assertThat(Tokens.of(9, AttributeValue.N.of("1.0"))).isEqualTo(token);
        assertThat(Tokens.of(9, AttributeValue.N.of("10E-1"))).isEqualTo(token);
    }

    @Test
    void theTypeAndTheTableTakePartInTheToken() {
        long string = Tokens.of(9, new AttributeValue.S("1"));
        assertThat(Tokens.of(9, AttributeValue.N.of("1"))).isNotEqualTo(string);
        assertThat(Tokens.of(9, new AttributeValue.B(Bytes.wrap("1".getBytes(StandardCharsets.UTF_8))))).isNotEqualTo(string);
        assertThat(Tokens.of(10, new AttributeValue.S("1"))).isNotEqualTo(string);
    }

    @Test
    void onlyScalarKeyTypesHaveTokens() {
        assertThatThrownBy(() -> Tokens.of(1, AttributeValue.Null.INSTANCE)).isInstanceOf(IllegalArgumentException.class);
    }
}

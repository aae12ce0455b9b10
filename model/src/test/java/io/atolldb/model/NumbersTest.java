package io.atolldb.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumbersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "3, 3", "-7.1234, -7.1234", "-17e5, -1700000", "-17.4E37, -174000000000000000000000000000000000000",
            "+3, 3", ".123, 0.123", "5., 5", "0001.23, 1.23", "1e+5, 100000", "0e1000, 0", "-0, 0", "-0.000, 0",
            "1.0, 1", "1E+2, 100", "-0.50, -0.5", "0.00, 0", "10E-1, 1",
            "3.1415926535897932384626433832795028841, 3.1415926535897932384626433832795028841",
            "31415926535897932384626433832795028841e30, 31415926535897932384626433832795028841000000000000000000000000000000",
    })
    void parseAcceptsWhatDynamoDbAcceptsAndCanonicalPrintsItPlain(String text, String canonical) {
        assertThat(Numbers.canonical(Numbers.parse(text))).isEqualTo(canonical);
    }

    @Example
    void theSmallestAndLargestMagnitudesPrintInFull() {
        String smallest = "0." + "0".repeat(129) + "1";
        String largest = "9".repeat(38) + "0".repeat(88);
        assertThat(Numbers.canonical(Numbers.parse("1e-130"))).isEqualTo(smallest);
        assertThat(Numbers.canonical(Numbers.parse(smallest))).isEqualTo(smallest);
        assertThat(Numbers.canonical(Numbers.parse("-9.9999999999999999999999999999999999999E+125"))).isEqualTo("-" + largest);
        assertThatThrownBy(() -> Numbers.parse(largest + "0")).hasMessageContaining("overflow");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "-NaN", "dog", "-dog", " 1", "1 ", "0x10", "1e", "1e+",
            ".", "-", "+", "e5", "1.2.3", "1e5.5", "--1", "١٢", "1_000"})
    void parseRejectsTextThatIsNotANumber(String text) {
        assertThatThrownBy(() -> Numbers.parse(text)).isInstanceOf(ValidationError.class)
                .hasMessage("The parameter cannot be converted to a numeric value: " + text);
    }

    @Example
    void parseRejectsEmptyTextWithoutEchoingIt() {
        assertThatThrownBy(() -> Numbers.parse("")).isInstanceOf(ValidationError.class)
                .hasMessage("The parameter cannot be converted to a numeric value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789012345678901234567890123456789", "-1.23456789012345678901234567890123456789",
            "3.14159265358979323846264338327950288419", "314159265358979323846264338327950288419e30"})
    void parseRejectsMoreThan38SignificantDigits(String text) {
        assertThatThrownBy(() -> Numbers.parse(text)).isInstanceOf(ValidationError.class)
                .hasMessage("Attempting to store more than 38 significant digits in a Number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e126", "-1e126", "11e125", "1e99999999999999999999", "10000000000000000000000000000000000000"
            + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"})
    void parseRejectsMagnitudesAboveTheRange(String text) {
        assertThatThrownBy(() -> Numbers.parse(text)).isInstanceOf(ValidationError.class)
                .hasMessage("Number overflow. Attempting to store a number with magnitude larger than supported range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-131", "-1e-131", "0.9e-130", "1e-99999999999999999999"})
    void parseRejectsMagnitudesBelowTheRange(String text) {
        assertThatThrownBy(() -> Numbers.parse(text)).isInstanceOf(ValidationError.class)
                .hasMessage("Number underflow. Attempting to store a number with magnitude smaller than supported range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e125", "-9.9999999999999999999999999999999999999E+125", "1e-130", "-1e-130",
            "10000000000000000000000000000000000000000000000000", "1.0000000000000000000000000000000000000000000000"})
    void parseAcceptsTheEdgesOfTheRangeAndInsignificantZeros(String text) {
        assertThat(Numbers.parse(text)).isEqualByComparingTo(new BigDecimal(text));
    }

    @Property
    void parseAgreesWithBigDecimalOnValidNumbers(@ForAll("numbers") BigDecimal number) {
        assertThat(Numbers.parse(number.toString())).isEqualTo(Numbers.normalize(number));
        assertThat(Numbers.parse(number.toPlainString())).isEqualTo(Numbers.normalize(number));
        assertThat(Numbers.parse(number.toEngineeringString())).isEqualTo(Numbers.normalize(number));
    }

    @Property
    void canonicalFormIsPlainWithoutTrailingZerosAndParsesBackToTheSameNumber(@ForAll("numbers") BigDecimal number) {
        String canonical = Numbers.canonical(number);

        // "0", or an optional minus, no leading zeros, no exponent, a fraction only if it ends in a non-zero digit
        assertThat(canonical).matches("0|-?(0\\.[0-9]*[1-9]|[1-9][0-9]*(\\.[0-9]*[1-9])?)");
        assertThat(Numbers.parse(canonical)).isEqualTo(Numbers.normalize(number)).isEqualByComparingTo(number);
    }

    @Property
    void numericallyEqualNumbersAreEqualValues(@ForAll("numbers") BigDecimal number) {
        var withTrailingZeros = number.setScale(number.scale() + 3);
        assertThat(new AttributeValue.N(withTrailingZeros)).isEqualTo(new AttributeValue.N(number));
        assertThat(new AttributeValue.N(withTrailingZeros).hashCode()).isEqualTo(new AttributeValue.N(number).hashCode());
    }

    @Example
    void validateChecksBuiltNumbersAgainstTheLimits() {
        assertThat(Numbers.validate(new BigDecimal("1.500"))).isEqualTo(new BigDecimal("1.5"));
        assertThatThrownBy(() -> Numbers.validate(new BigDecimal("9E+125").add(new BigDecimal("9E+125"))))
                .hasMessageContaining("overflow");
        assertThatThrownBy(() -> Numbers.validate(new BigDecimal("1E+2147483647"))).hasMessageContaining("overflow");
        assertThatThrownBy(() -> Numbers.validate(new BigDecimal("1E-2147483647"))).hasMessageContaining("underflow");
        assertThatThrownBy(() -> Numbers.validate(new BigDecimal("1E+50").add(BigDecimal.ONE)))
                .hasMessage("Attempting to store more than 38 significant digits in a Number");
    }

    @Example
    void significantDigitsIgnoreLeadingAndTrailingZeros() {
        assertThat(Numbers.significantDigits(new BigDecimal("00120.0300"))).isEqualTo(5);
        assertThat(Numbers.significantDigits(new BigDecimal("1E+100"))).isEqualTo(1);
        assertThat(Numbers.significantDigits(BigDecimal.ZERO)).isZero();
    }

    @Provide
    Arbitrary<BigDecimal> numbers() {
        return Generators.numbers();
    }
}

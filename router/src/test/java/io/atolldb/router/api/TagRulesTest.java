package io.atolldb.router.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Tags given to CreateTable and TagResource, checked by DynamoDB's tagging restrictions (Developer Guide,
 * "Tagging restrictions in DynamoDB"; API reference, Tag) before the service is called.
 */
class TagRulesTest {
    private static final String TABLE = "'TableName':'Music','BillingMode':'PAY_PER_REQUEST',"
            + "'KeySchema':[{'AttributeName':'artist','KeyType':'HASH'}],"
            + "'AttributeDefinitions':[{'AttributeName':'artist','AttributeType':'S'}]";
    private static final String ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/Music";

    private final CapturingService service = new CapturingService();
    private final DynamoApi api = new DynamoApi(service);

    @Test
    void createTableKeepsItsTagsInOrderAndALaterValueOfAKeyWins() {
        ApiCall answer = createWithTags("{'Key':'team','Value':'blue'},{'Key':'cost center','Value':''},"
                + "{'Key':'team','Value':'red'},{'Key':'Größe','Value':'+-=._:/ 12'}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(((CreateTableRequest) service.lastRequest).tags())
                .containsExactly(Map.entry("team", "red"), Map.entry("cost center", ""), Map.entry("Größe", "+-=._:/ 12"));
    }

    @Test
    void createTableWithoutTagsHasNone() {
        assertThat(ApiCall.call(api, "CreateTable", "{" + TABLE + "}").status()).isEqualTo(200);

        assertThat(((CreateTableRequest) service.lastRequest).tags()).isEmpty();
    }

    @Test
    void keysAndValuesOutsideTheAllowedCharactersAreRefusedTogether() {
        ApiCall answer = createWithTags("{'Key':'ok','Value':'#!%'},{'Key':'a@b','Value':'ok'}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorType()).isEqualTo("com.amazon.coral.validate#ValidationException");
        assertThat(answer.message()).startsWith("2 validation errors detected: Value '#!%' at 'tags.1.member.value' failed "
                + "to satisfy constraint: Member must satisfy regular expression pattern: ")
                .contains("Value 'a@b' at 'tags.2.member.key'");
        assertThat(service.lastRequest).isNull();
    }

    /** A letter outside the Basic Multilingual Plane is one character, though Java stores it as two chars. */
    @Test
    void lengthsAreCountedInUnicodeCharacters() {
        String letter = "\uD835\uDC00";
        assertThat(createWithTags("{'Key':'" + letter.repeat(128) + "','Value':'" + letter.repeat(256) + "'}").status())
                .isEqualTo(200);

        ApiCall tooLong = createWithTags("{'Key':'" + "k".repeat(129) + "','Value':'" + "v".repeat(257) + "'}");
        assertThat(tooLong.message()).contains("at 'tags.1.member.key' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 128")
                .contains("at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256");
        ApiCall emptyKey = createWithTags("{'Key':'','Value':'v'}");
        assertThat(emptyKey.message()).contains("Member must have length greater than or equal to 1");
    }

    @Test
    void aTagNeedsBothKeyAndValue() {
        ApiCall answer = createWithTags("{'Key':'team'},{'Value':'x'}");

        assertThat(answer.message()).isEqualTo("2 validation errors detected: "
                + "Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null; "
                + "Value null at 'tags.2.member.key' failed to satisfy constraint: Member must not be null");
    }

    /** A whole table of more than 50 tags is refused, and no table is created (the service is never called). */
    @Test
    void moreThanFiftyTagsAreRefused() {
        assertThat(createWithTags(tags(50)).status()).isEqualTo(200);
        service.lastRequest = null;

        ApiCall answer = createWithTags(tags(51));

        assertThat(answer.errorType()).isEqualTo("com.amazon.coral.validate#ValidationException");
        assertThat(answer.message()).contains("at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
        assertThat(service.lastRequest).isNull();
    }

    @Test
    void theAwsPrefixIsReservedInAnyCase() {
        for (String key : new String[] {"aws:team", "AWS:team", "Aws:x"}) {
            ApiCall answer = createWithTags("{'Key':'" + key + "','Value':'v'}");
            assertThat(answer.errorType()).as(key).isEqualTo("com.amazon.coral.validate#ValidationException");
            assertThat(answer.message()).as(key).contains("aws:");
        }
        assertThat(createWithTags("{'Key':'team','Value':'aws:value'}").status()).isEqualTo(200);
    }

    @Test
    void tagResourceChecksItsTagsByTheSameRules() {
        ApiCall bad = ApiCall.call(api, "TagResource", "{'ResourceArn':'" + ARN + "','Tags':[{'Key':'aws:x','Value':'v'}]}");
        ApiCall badChars = ApiCall.call(api, "TagResource", "{'ResourceArn':'" + ARN + "','Tags':[{'Key':'k','Value':'<>'}]}");
        ApiCall good = ApiCall.call(api, "TagResource", "{'ResourceArn':'" + ARN + "','Tags':[{'Key':'k','Value':'v'}]}");

        assertThat(bad.errorType()).isEqualTo("com.amazon.coral.validate#ValidationException");
        assertThat(badChars.message()).contains("tags.1.member.value");
        assertThat(good.status()).isEqualTo(200);
        assertThat(service.lastRequest).isEqualTo(Map.of("k", "v"));
    }

    private ApiCall createWithTags(String tags) {
        return ApiCall.call(api, "CreateTable", "{" + TABLE + ",'Tags':[" + tags + "]}");
    }

    private static String tags(int count) {
        return IntStream.range(0, count).mapToObj(i -> "{'Key':'k" + i + "','Value':'v'}").collect(Collectors.joining(","));
    }
}

package io.atolldb.router.api;

/**
 * How much a response says about the capacity the request consumed: NONE (the default) adds no
 * ConsumedCapacity member; TOTAL adds the table name and the units consumed; INDEXES adds, besides,
 * the units per table ({@code Table}) and per secondary index touched. AtollDB tables have no
 * secondary indexes yet, so INDEXES adds only {@code Table}, as DynamoDB does for a table without
 * indexes (and for GetItem and BatchGetItem, which never read an index).
 */
enum ReturnConsumedCapacity {
    INDEXES, TOTAL, NONE;

    /** The level a request asked for; call it after the request was checked (an unknown value reads as NONE). */
    static ReturnConsumedCapacity of(JsonFields request) {
        String value = request.string("ReturnConsumedCapacity");
        if (value == null) {
            return NONE;
        }
        for (ReturnConsumedCapacity level : values()) {
            if (level.name().equals(value)) {
                return level;
            }
        }
        return NONE;
    }
}

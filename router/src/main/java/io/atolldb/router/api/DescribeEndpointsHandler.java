package io.atolldb.router.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * DescribeEndpoints, for SDKs with endpoint discovery on: every router serves every request, so the
 * answer names the region's regular endpoint, as DynamoDB does, cached for a day.
 */
final class DescribeEndpointsHandler implements OperationHandler<Void, Void> {
    private final String region;

    DescribeEndpointsHandler(String region) {
        this.region = region;
    }

    @Override
    public Void parse(JsonFields request) {
        return null;
    }

    @Override
    public Void call(DynamoService service, Void request) {
        return null;
    }

    @Override
    public ObjectNode render(Void result) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.putArray("Endpoints").addObject()
                .put("Address", "dynamodb." + region + ".amazonaws.com")
                .put("CachePeriodInMinutes", 1440);
        return out;
    }
}

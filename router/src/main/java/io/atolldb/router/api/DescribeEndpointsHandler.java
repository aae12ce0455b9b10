package io.atolldb.router.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * DescribeEndpoints, for SDKs with endpoint discovery on: they send every later request to the address it
 * names. Every router serves every request, so it names the address the client already uses (its Host
 * header), cached for a day, as DynamoDB names the endpoint the client reached. Naming the region's AWS
 * endpoint instead would send such a client away from AtollDB to AWS.
 */
final class DescribeEndpointsHandler implements OperationHandler<Void, String> {
    static final long CACHE_PERIOD_MINUTES = 1440;

    private final String regionalEndpoint;

    DescribeEndpointsHandler(String region) {
        this.regionalEndpoint = "dynamodb." + region + ".amazonaws.com";
    }

    @Override
    public ObjectNode handle(JsonFields request, DynamoService service, String endpoint) {
        return render(endpoint == null ? regionalEndpoint : endpoint);
    }

    @Override
    public Void parse(JsonFields request) {
        return null;
    }

    /** Without a client address (a caller outside the HTTP server): the region's endpoint. */
    @Override
    public String call(DynamoService service, Void request) {
        return regionalEndpoint;
    }

    @Override
    public ObjectNode render(String address) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.putArray("Endpoints").addObject()
                .put("Address", address)
                .put("CachePeriodInMinutes", CACHE_PERIOD_MINUTES);
        return out;
    }
}

package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.server.auth.InvalidPolicyException;
import io.sluice.server.auth.Policy;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shape.StructShape;
import io.sluice.server.validation.Shapes;
import io.sluice.server.wire.ApiException;
import io.sluice.server.wire.ErrorType;
import java.util.Map;

/**
 * PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy on a stream or consumer ARN. A policy is parsed
 * before it is stored, so one Sluice could not enforce is refused with the reason instead of being ignored.
 */
final class ResourcePolicy extends EngineAction {

    private enum Kind { PUT, GET, DELETE }

    private static final String RESOURCE_ARN = "ResourceARN";

    private final Kind kind;

    private ResourcePolicy(StreamEngine engine, Kind kind, String name, StructShape input) {
        super(engine, name, input);
        this.kind = kind;
    }

    static ResourcePolicy put(StreamEngine engine) {
        return new ResourcePolicy(engine, Kind.PUT, "PutResourcePolicy", Shapes.struct(
                "Policy", Shapes.string(null, 1, 20480).required(),
                RESOURCE_ARN, Shapes.string(null, 1, 2048).required()));
    }

    static ResourcePolicy get(StreamEngine engine) {
        return new ResourcePolicy(engine, Kind.GET, "GetResourcePolicy", Shapes.struct(
                RESOURCE_ARN, Shapes.string(null, 1, 2048).required()));
    }

    static ResourcePolicy delete(StreamEngine engine) {
        return new ResourcePolicy(engine, Kind.DELETE, "DeleteResourcePolicy", Shapes.struct(
                RESOURCE_ARN, Shapes.string(null, 1, 2048).required()));
    }

    @Override
    public String resource(Fields request) {
        return request.string(RESOURCE_ARN);
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        String arn = request.string(RESOURCE_ARN);
        switch (kind) {
            case PUT -> {
                try {
                    Policy.parse(request.string("Policy"), true);
                } catch (InvalidPolicyException e) {
                    throw new ApiException(ErrorType.INVALID_ARGUMENT, "Invalid resource policy for " + arn + ": "
                            + e.getMessage());
                }
                engine.putResourcePolicy(arn, request.string("Policy"));
            }
            case GET -> {
                return Wire.struct("Policy", engine.getResourcePolicy(arn).orElse("{}"));
            }
            case DELETE -> engine.deleteResourcePolicy(arn);
        }
        return Map.of();
    }
}

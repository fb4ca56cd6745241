package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.server.protocol.Action;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shape.StructShape;

/**
 * Base of the actions served by the stream engine: holds the engine, the operation name and the request spec.
 * By default the authorized resource is the stream the request names.
 */
abstract class EngineAction implements Action {

    protected final StreamEngine engine;
    private final String name;
    private final StructShape input;

    EngineAction(StreamEngine engine, String name, StructShape input) {
        this.engine = engine;
        this.name = name;
        this.input = input;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final StructShape input() {
        return input;
    }

    @Override
    public String resource(Fields request) {
        if (request.string("StreamARN") != null) {
            return request.string("StreamARN");
        }
        if (request.string("StreamName") != null) {
            return engine.config().streamArn(request.string("StreamName"));
        }
        return "*";
    }
}

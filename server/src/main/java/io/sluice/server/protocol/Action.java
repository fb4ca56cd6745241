package io.sluice.server.protocol;

import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shape.StructShape;
import java.util.Map;

/**
 * One Kinesis API action: its request spec and its business rules, nothing of the protocol. Implementations are
 * stateless and thread-safe; they reach storage only through the core engine.
 */
public interface Action {

    /** The operation name after {@code Kinesis_20131202.} in {@code X-Amz-Target}. */
    String name();

    /** The request members, their types and constraints, checked before {@link #execute} runs. */
    StructShape input();

    /**
     * The ARN a policy must grant this action on, e.g. the stream's ARN; {@code *} for account-wide actions
     * such as ListStreams.
     */
    String resource(Fields request);

    /** Runs the action on a type-checked, constraint-checked request; returns the response tree. */
    Map<String, Object> execute(Fields request, RequestContext context);
}

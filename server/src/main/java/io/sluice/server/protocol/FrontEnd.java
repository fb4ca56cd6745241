package io.sluice.server.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.server.logging.LogText;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.StreamingTypeChecker;
import io.sluice.server.validation.TypeChecker;
import io.sluice.server.wire.BodyCodec;
import io.sluice.server.wire.ContentType;
import io.sluice.server.wire.ErrorResponses;
import io.sluice.server.wire.ErrorType;
import io.sluice.server.wire.KinesisRequest;
import io.sluice.server.wire.KinesisResponse;
import java.util.Optional;

/**
 * Routes a request to an action the way Amazon Kinesis's front end does, in its order — method, empty body, content
 * type, body, target — and refuses what it cannot route with AWS's own reply, which carries no message of ours
 * (clients and tests written against Amazon Kinesis look at these bytes); the reason goes to the server's log.
 * Authentication comes after: AWS reports a malformed body before a missing signature. Decoding first costs at most
 * {@link BodyCodec}'s bounds, less than hashing the body to check a signature. Thread-safe.
 */
final class FrontEnd {

    /** What routing a request gave. */
    sealed interface Route permits Routed, Refused {
    }

    /**
     * A call to a known action in a format the action can answer in, its body type-checked already ({@code typed})
     * or decoded into a tree to type-check.
     */
    record Routed(ContentType format, Action action, Fields typed, JsonNode tree) implements Route {

        /** The body's fields for the action's input, or the {@code SerializationException} AWS answers. */
        Fields fields() {
            return typed != null ? typed : new TypeChecker(format).check(tree, action.input());
        }
    }

    /** AWS's reply to a request it cannot route, and why, for the log. */
    record Refused(KinesisResponse response, String why) implements Route {
    }

    private final ActionRegistry actions;

    FrontEnd(ActionRegistry actions) {
        this.actions = actions;
    }

    Route route(KinesisRequest request) {
        if (!"POST".equals(request.method())) {
            return new Refused(ErrorResponses.accessDeniedXml(), "the method is " + request.method() + ", not POST");
        }
        String contentType = request.header("content-type");
        Optional<ContentType> format = ContentType.fromHeader(contentType);
        String target = request.header("x-amz-target");
        Optional<Action> action = actions.forTarget(target);
        if (request.body().length == 0) {
            // AWS answers in JSON only when the request said JSON 1.1; anything else, even no content type, in CBOR.
            ContentType answer = format.filter(f -> f == ContentType.JSON).orElse(ContentType.CBOR);
            return new Refused(ErrorResponses.bare(answer, action.isPresent() ? ErrorType.SERIALIZATION
                    : ErrorType.UNKNOWN_OPERATION), "the body is empty");
        }
        if (ContentType.isLegacyJson(contentType)) {
            return new Refused(BodyCodec.isWellFormed(request.body())
                    ? ErrorResponses.legacyJson(404, ErrorType.UNKNOWN_OPERATION)
                    : ErrorResponses.legacyJson(400, ErrorType.SERIALIZATION),
                    "application/json is the retired JSON 1.0 protocol; Kinesis takes application/x-amz-json-1.1");
        }
        if (format.isEmpty()) {
            return new Refused(namesOperation(target) ? ErrorResponses.unknownOperationXml()
                    : ErrorResponses.accessDeniedXml(), "the Content-Type " + LogText.of(String.valueOf(contentType))
                    + " is neither application/x-amz-json-1.1 nor application/x-amz-cbor-1.1");
        }
        if (action.isPresent()) { // the common case, straight from the bytes; the tree path when that gives up
            Fields typed = StreamingTypeChecker.check(format.get(), request.body(), action.get().input());
            if (typed != null) {
                return new Routed(format.get(), action.get(), typed, null);
            }
        }
        JsonNode body;
        try {
            body = BodyCodec.read(format.get(), request.body());
        } catch (BodyCodec.MalformedBodyException malformed) {
            return new Refused(ErrorResponses.bare(format.get(), ErrorType.SERIALIZATION), malformed.getMessage());
        }
        if (action.isEmpty()) {
            return new Refused(ErrorResponses.bare(format.get(), ErrorType.UNKNOWN_OPERATION),
                    target == null ? "no X-Amz-Target header" : "no operation " + LogText.of(target));
        }
        return new Routed(format.get(), action.get(), null, body);
    }

    /** Whether {@code X-Amz-Target} has the form {@code <service>.<operation>}, known or not. */
    private static boolean namesOperation(String target) {
        int dot = target == null ? -1 : target.indexOf('.');
        return dot > 0 && dot < target.length() - 1;
    }
}

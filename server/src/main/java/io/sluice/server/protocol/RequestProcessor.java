package io.sluice.server.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.server.auth.AccessControl;
import io.sluice.server.auth.Authenticator;
import io.sluice.server.auth.Principal;
import io.sluice.server.logging.LogRateLimit;
import io.sluice.server.logging.LogText;
import io.sluice.server.validation.ConstraintChecker;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.TypeChecker;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline, top to bottom: method → content type → target → authenticate → decode → types →
 * constraints → authorize → action → encode (or, for a streaming action, the source of its event stream). Every step either passes the request on or answers with the Kinesis error
 * for that step; nothing here knows any action's rules. Thread-safe.
 */
public final class RequestProcessor {

    private static final Logger log = LoggerFactory.getLogger(RequestProcessor.class);

    private final ActionRegistry actions;
    private final Authenticator authenticator;
    private final AccessControl accessControl;
    private final RequestObserver observer;
    // Clients choose how often they are refused, so these lines are rate-limited; failures get their own budget so a
    // flood of refusals cannot hide them. Only the request id, the action, the error and its message are logged,
    // never headers (the Authorization header stays out of the log).
    private final LogRateLimit refusalLines = new LogRateLimit(100,
            n -> log.warn("{} lines about refused requests were not logged (over 100 a second)", n));
    private final LogRateLimit failureLines = new LogRateLimit(10,
            n -> log.error("{} lines about failed requests were not logged (over 10 a second)", n));

    public RequestProcessor(ActionRegistry actions, Authenticator authenticator, AccessControl accessControl) {
        this(actions, authenticator, accessControl, RequestObserver.NONE);
    }

    public RequestProcessor(ActionRegistry actions, Authenticator authenticator, AccessControl accessControl,
                            RequestObserver observer) {
        this.actions = actions;
        this.authenticator = authenticator;
        this.accessControl = accessControl;
        this.observer = observer;
    }

    public KinesisResponse process(KinesisRequest request) {
        long started = System.nanoTime();
        KinesisResponse response = answer(request);
        observer.answered(knownAction(request), response.status(), System.nanoTime() - started);
        return response;
    }

    /** The action a request names, if this server has it: metrics are labelled by it, never by client text. */
    private String knownAction(KinesisRequest request) {
        return actions.forTarget(request.header("x-amz-target")).map(Action::name).orElse("-");
    }

    private KinesisResponse answer(KinesisRequest request) {
        ContentType format = ContentType.fromHeader(request.header("content-type")).orElse(ContentType.JSON);
        try {
            return handle(request);
        } catch (KinesisException error) {
            if (refusalLines.admit()) {
                log.info("{} {} {}: {}", request.requestId(), action(request), error.type().wireName(),
                        LogText.of(error.getMessage()));
            }
            return ErrorResponses.of(format, error);
        } catch (io.sluice.core.error.KinesisException engineError) {
            if (refusalLines.admit()) {
                log.info("{} {} {}: {}", request.requestId(), action(request), engineError.errorType(),
                        LogText.of(engineError.getMessage()));
            }
            return ErrorResponses.of(format,
                    new KinesisException(ErrorType.fromWireName(engineError.errorType()), engineError.getMessage()));
        } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError unexpected) {
            // An Error thrown by this request's own work (a stack overflow on odd input, a missing class) leaves the
            // server sound: answer it. OutOfMemoryError is not caught: bin/sluice-server exits on it
            // (-XX:+ExitOnOutOfMemoryError) rather than limp on; the request handler still answers if it can.
            if (failureLines.admit()) {
                log.error("{} {} failed with an internal error", request.requestId(), action(request), unexpected);
            }
            return ErrorResponses.of(format, new KinesisException(ErrorType.INTERNAL_FAILURE,
                    "Internal failure; request id " + request.requestId()));
        }
    }

    /** The operation a request named, for log lines (escaped: it is the client's text). */
    private static String action(KinesisRequest request) {
        String target = request.header("x-amz-target");
        return target == null ? "-" : LogText.of(target.substring(target.indexOf('.') + 1));
    }

    private KinesisResponse handle(KinesisRequest request) {
        if (!"POST".equals(request.method())) {
            throw new KinesisException(ErrorType.ACCESS_DENIED,
                    "Unable to determine service/operation name to be authorized");
        }
        ContentType format = ContentType.fromHeader(request.header("content-type"))
                .orElseThrow(() -> new KinesisException(ErrorType.UNKNOWN_OPERATION,
                        "Unsupported Content-Type '" + request.header("content-type")
                                + "'; Kinesis accepts application/x-amz-json-1.1 and application/x-amz-cbor-1.1"));
        String target = request.header("x-amz-target");
        Action action = actions.forTarget(target)
                .orElseThrow(() -> new KinesisException(ErrorType.UNKNOWN_OPERATION,
                        target == null ? "Missing X-Amz-Target header" : "Unknown operation " + target));
        if (request.body().length == 0) {
            throw new KinesisException(ErrorType.SERIALIZATION, "The request body is empty");
        }
        // Before decoding: an unauthenticated request must not cost a parse (the signature covers the raw bytes).
        Principal principal = authenticator.authenticate(request);
        JsonNode body = BodyCodec.read(format, request.body());
        Fields fields = new TypeChecker(format).check(body, action.input());
        ConstraintChecker.check(fields, action.input());
        accessControl.check(principal, action, fields);
        RequestContext context = new RequestContext(request.requestId(), principal);
        if (action instanceof StreamingAction streaming) {
            return KinesisResponse.eventStream(streaming.open(fields, context, format));
        }
        Map<String, Object> result = action.execute(fields, context);
        return new KinesisResponse(200, format.mediaType(), BodyCodec.write(format, result));
    }
}

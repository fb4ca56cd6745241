package io.sluice.server.protocol;

import io.sluice.server.auth.AccessControl;
import io.sluice.server.auth.Authenticator;
import io.sluice.server.auth.Principal;
import io.sluice.server.logging.LogRateLimit;
import io.sluice.server.logging.LogText;
import io.sluice.server.validation.ConstraintChecker;
import io.sluice.server.validation.Fields;
import io.sluice.server.wire.ApiException;
import io.sluice.server.wire.BodyCodec;
import io.sluice.server.wire.ChunkedBytes;
import io.sluice.server.wire.ContentType;
import io.sluice.server.wire.ErrorResponses;
import io.sluice.server.wire.ErrorType;
import io.sluice.server.wire.KinesisRequest;
import io.sluice.server.wire.KinesisResponse;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline, top to bottom: CORS preflight → the {@link FrontEnd}'s routing (method → empty body →
 * content type → decode → target) → authenticate → types → constraints → authorize → action → encode (or, for a streaming action, the source of its
 * event stream). Every step either passes the request on or answers with the Kinesis error for that step, as Amazon
 * Kinesis answers it; nothing here knows any action's rules. Thread-safe.
 */
public final class RequestProcessor {

    private static final Logger log = LoggerFactory.getLogger(RequestProcessor.class);

    private final ActionRegistry actions;
    private final FrontEnd frontEnd;
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
        this.frontEnd = new FrontEnd(actions);
        this.authenticator = authenticator;
        this.accessControl = accessControl;
        this.observer = observer;
    }

    public KinesisResponse process(KinesisRequest request) {
        return process(request, authenticator);
    }

    /**
     * Processes a request made on behalf of {@code principal}, already authenticated by other means (the console's
     * session): everything but the signature is checked as for any request — body, types, constraints, policies.
     */
    public KinesisResponse processAs(Principal principal, KinesisRequest request) {
        return process(request, unsigned -> principal);
    }

    private KinesisResponse process(KinesisRequest request, Authenticator authenticator) {
        long started = System.nanoTime();
        KinesisResponse response = ReplyHeaders.isPreflight(request) ? ReplyHeaders.preflight(request)
                : ReplyHeaders.complete(answer(request, authenticator), request.header("origin"));
        observer.answered(knownAction(request), response.status(), System.nanoTime() - started);
        return response;
    }

    /** The action a request names, if this server has it: metrics are labelled by it, never by client text. */
    private String knownAction(KinesisRequest request) {
        return actions.forTarget(request.header("x-amz-target")).map(Action::name).orElse("-");
    }

    private KinesisResponse answer(KinesisRequest request, Authenticator authenticator) {
        ContentType format = ContentType.fromHeader(request.header("content-type")).orElse(ContentType.JSON);
        try {
            return handle(request, authenticator);
        } catch (ApiException error) {
            if (refusalLines.admit()) {
                log.info("{} {} {}: {}", request.requestId(), action(request), error.type().wireName(),
                        LogText.of(error.getMessage()));
            }
            return ErrorResponses.of(format, error);
        } catch (io.sluice.core.error.KinesisException engineError) {
            if (refusalLines.admit()) {
                log.info("{} {} {}: {}", request.requestId(), action(request), engineError.kind().typeName(),
                        LogText.of(engineError.getMessage()));
            }
            return ErrorResponses.of(format,
                    new ApiException(ErrorType.of(engineError.kind()), engineError.getMessage()));
        } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError unexpected) {
            // An Error thrown by this request's own work (a stack overflow on odd input, a missing class) leaves the
            // server sound: answer it. OutOfMemoryError is not caught: bin/sluice-server exits on it
            // (-XX:+ExitOnOutOfMemoryError) rather than limp on; the request handler still answers if it can.
            if (failureLines.admit()) {
                log.error("{} {} failed with an internal error", request.requestId(), action(request), unexpected);
            }
            return ErrorResponses.of(format, new ApiException(ErrorType.INTERNAL_FAILURE,
                    "Internal failure; request id " + request.requestId()));
        }
    }

    /** The operation a request named, for log lines (escaped: it is the client's text). */
    private static String action(KinesisRequest request) {
        String target = request.header("x-amz-target");
        return target == null ? "-" : LogText.of(target.substring(target.indexOf('.') + 1));
    }

    private KinesisResponse handle(KinesisRequest request, Authenticator authenticator) {
        FrontEnd.Route route = frontEnd.route(request);
        if (route instanceof FrontEnd.Refused refused) {
            if (refusalLines.admit()) {
                log.info("{} {} refused with {}: {}", request.requestId(), action(request), refused.response().status(),
                        refused.why());
            }
            return refused.response();
        }
        FrontEnd.Routed call = (FrontEnd.Routed) route;
        Principal principal = authenticator.authenticate(request);
        Fields fields = call.fields();
        ConstraintChecker.check(fields, call.action().input());
        accessControl.check(principal, call.action().name(), call.action().resource(fields));
        RequestContext context = new RequestContext(request.requestId(), principal);
        if (call.action() instanceof StreamingAction streaming) {
            return KinesisResponse.eventStream(streaming.open(fields, context, call.format()));
        }
        Map<String, Object> result = call.action().execute(fields, context);
        // An action without output (CreateStream, AddTagsToStream, ...) answers with an empty body, as AWS does.
        ChunkedBytes answer = result.isEmpty() ? ChunkedBytes.of(new byte[0]) : BodyCodec.write(call.format(), result);
        return new KinesisResponse(200, call.format().mediaType(), answer);
    }
}

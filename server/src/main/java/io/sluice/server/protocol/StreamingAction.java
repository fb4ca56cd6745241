package io.sluice.server.protocol;

import io.sluice.server.validation.Fields;
import io.sluice.server.wire.ContentType;
import io.sluice.server.wire.EventSource;

/**
 * An action whose successful reply is an event stream rather than one body (SubscribeToShard). Errors found before
 * the stream starts are thrown from {@link #open} and answered as ordinary error replies.
 */
public interface StreamingAction extends Action {

    /** Opens the stream; its messages' payloads are in {@code format}, the request's. */
    EventSource open(Fields request, RequestContext context, ContentType format);
}

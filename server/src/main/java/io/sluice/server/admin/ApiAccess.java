package io.sluice.server.admin;

import io.sluice.server.auth.AccessControl;
import io.sluice.server.auth.Authenticator;
import io.sluice.server.auth.Principal;
import io.sluice.server.protocol.Action;
import io.sluice.server.protocol.ActionRegistry;
import io.sluice.server.protocol.RequestProcessor;
import io.sluice.server.validation.Fields;
import io.sluice.server.wire.ApiException;
import io.sluice.server.wire.ContentType;
import io.sluice.server.wire.KinesisRequest;
import io.sluice.server.wire.KinesisResponse;
import java.util.Map;
import java.util.UUID;

/**
 * The Kinesis port's rules for pages of the admin listener acting for a user (the web console): the same signature
 * check ({@code --auth sigv4}), the same policies, and the actions themselves with their validation and errors. In
 * mode {@code open} everyone is {@link #ANYONE} and may do everything, as on the Kinesis port. Thread-safe.
 */
public final class ApiAccess {

    /** Who a page acts for when signatures are not checked. */
    public static final Principal ANYONE = new Principal("anonymous", "anonymous");

    private final RequestProcessor processor;
    private final Authenticator signatures;
    private final AccessControl accessControl;
    private final ActionRegistry actions;
    private final String region;

    /** @param signatures the SigV4 check of mode {@code sigv4}; {@code null} in mode {@code open} */
    public ApiAccess(RequestProcessor processor, Authenticator signatures, AccessControl accessControl,
                     ActionRegistry actions, String region) {
        this.processor = processor;
        this.signatures = signatures;
        this.accessControl = accessControl;
        this.actions = actions;
        this.region = region;
    }

    /** Whether users must prove who they are (mode {@code sigv4}). */
    public boolean checksSignatures() {
        return signatures != null;
    }

    /** The region signatures are scoped to. */
    public String region() {
        return region;
    }

    /**
     * The user who signed {@code request} with AWS Signature Version 4 for service {@code kinesis} and this region,
     * checked as the Kinesis port checks it; {@link #ANYONE} in mode {@code open}.
     *
     * @throws ApiException with the error the Kinesis port would answer (IncompleteSignature,
     *                          InvalidSignatureException, UnrecognizedClientException, ...)
     */
    public Principal authenticate(AdminRequest request) {
        if (signatures == null) {
            return ANYONE;
        }
        return signatures.authenticate(new KinesisRequest(UUID.randomUUID().toString(), request.method(),
                request.uri(), request.headers(), request.body()));
    }

    /** Whether {@code principal} may run {@code action} (e.g. {@code GetRecords}) on the stream named {@code stream}. */
    public boolean allowed(Principal principal, String action, String stream) {
        Action named = actions.forTarget(ActionRegistry.TARGET_PREFIX + action)
                .orElseThrow(() -> new IllegalArgumentException("No action " + action));
        try {
            accessControl.check(principal, action, named.resource(new Fields(Map.of("StreamName", stream))));
            return true;
        } catch (ApiException denied) {
            return false;
        }
    }

    /**
     * Runs the Kinesis action {@code action} with the JSON body {@code json} for {@code principal}, exactly as the
     * Kinesis port runs it but for the signature: the answer is the port's, in JSON, errors included.
     */
    public KinesisResponse call(Principal principal, String action, byte[] json) {
        return processor.processAs(principal, new KinesisRequest(UUID.randomUUID().toString(), "POST", "/",
                Map.of("content-type", ContentType.JSON.mediaType(),
                        "x-amz-target", ActionRegistry.TARGET_PREFIX + action), json));
    }
}

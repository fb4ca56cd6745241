package io.sluice.server.auth;

import io.sluice.server.protocol.Action;
import io.sluice.server.protocol.ErrorType;
import io.sluice.server.protocol.KinesisException;
import io.sluice.server.validation.Fields;
import java.util.List;
import java.util.function.Function;

/**
 * Mode {@code sigv4}: the user's identity policies plus the resource policy of the stream the request touches,
 * evaluated by the {@link Authorizer}. Thread-safe.
 */
public final class PolicyAccessControl implements AccessControl {

    private final UserDirectory users;
    private final Authorizer authorizer;
    private final Function<String, Policy> resourcePolicies;

    /** @param resourcePolicies the policy attached to a stream ARN, or {@code null} */
    public PolicyAccessControl(UserDirectory users, Authorizer authorizer, Function<String, Policy> resourcePolicies) {
        this.users = users;
        this.authorizer = authorizer;
        this.resourcePolicies = resourcePolicies;
    }

    @Override
    public void check(Principal principal, Action action, Fields request) {
        UserDirectory.User user = users.byAccessKey(principal.accessKeyId());
        if (user == null) {
            throw new KinesisException(ErrorType.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
        }
        String resource = action.resource(request);
        List<Policy> identity = user.policies();
        authorizer.authorize(user.credentials().userName(), identity, resourcePolicies.apply(streamArnOf(resource)),
                action.name(), resource);
    }

    /** Consumer ARNs ({@code .../stream/name/consumer/c:123}) fall under their stream's resource policy. */
    private static String streamArnOf(String resource) {
        int consumer = resource.indexOf("/consumer/");
        return consumer < 0 ? resource : resource.substring(0, consumer);
    }
}

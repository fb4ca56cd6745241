package io.sluice.server.auth;

import io.sluice.server.wire.ApiException;
import io.sluice.server.wire.ErrorType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Mode {@code sigv4}: the user's identity policies plus the resource policies of what the request touches,
 * evaluated by the {@link Authorizer}. A stream's request meets the stream's policy; a consumer's request
 * (DescribeStreamConsumer, DeregisterStreamConsumer, SubscribeToShard, PutResourcePolicy on a consumer ARN) meets
 * the policy attached to the consumer and its stream's policy, whose statements apply when their Resource matches
 * the consumer's ARN. Thread-safe.
 */
public final class PolicyAccessControl implements AccessControl {

    private static final String CONSUMER = "/consumer/";

    private final UserDirectory users;
    private final Authorizer authorizer;
    private final Function<String, Policy> resourcePolicies;

    /** @param resourcePolicies the policy attached to exactly this stream or consumer ARN, or {@code null} */
    public PolicyAccessControl(UserDirectory users, Authorizer authorizer, Function<String, Policy> resourcePolicies) {
        this.users = users;
        this.authorizer = authorizer;
        this.resourcePolicies = resourcePolicies;
    }

    @Override
    public void check(Principal principal, String action, String resource) {
        UserDirectory.User user = users.byAccessKey(principal.accessKeyId());
        if (user == null) {
            throw new ApiException(ErrorType.UNRECOGNIZED_CLIENT,
                    "The security token included in the request is invalid.");
        }
        authorizer.authorize(user.credentials().userName(), user.policies(), attachedPolicies(resource), action,
                resource);
    }

    private List<Policy> attachedPolicies(String resource) {
        List<Policy> attached = new ArrayList<>(2);
        addIfAny(attached, resource);
        int consumer = resource.indexOf(CONSUMER);
        if (consumer >= 0) {
            addIfAny(attached, resource.substring(0, consumer));
        }
        return attached;
    }

    private void addIfAny(List<Policy> attached, String arn) {
        Policy policy = resourcePolicies.apply(arn);
        if (policy != null) {
            attached.add(policy);
        }
    }
}

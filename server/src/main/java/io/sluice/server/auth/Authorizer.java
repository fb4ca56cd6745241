package io.sluice.server.auth;

import io.sluice.server.wire.ApiException;
import io.sluice.server.wire.ErrorType;
import java.util.List;

/**
 * Decides whether a principal may perform {@code kinesis:<Action>} on a resource ARN, as IAM does within one
 * account: an explicit Deny in any applicable policy wins; otherwise an Allow in the user's identity policies or in
 * a resource policy that names the user (or {@code "*"}) grants; otherwise the request is denied. Thread-safe.
 */
public final class Authorizer {

    private final String accountId;

    public Authorizer(String accountId) {
        this.accountId = accountId;
    }

    /** The ARN IAM would show for a user of this account. */
    public String userArn(String userName) {
        return "arn:aws:iam::" + accountId + ":user/" + userName;
    }

    /**
     * @param identityPolicies the user's policies
     * @param resourcePolicies the policies attached to the resource (a consumer's and its stream's); may be empty
     * @throws ApiException {@code AccessDeniedException} worded as AWS words it
     */
    public void authorize(String userName, List<Policy> identityPolicies, List<Policy> resourcePolicies, String action,
                          String resource) {
        String iamAction = "kinesis:" + action;
        String userArn = userArn(userName);
        boolean allowed = false;
        for (Policy policy : identityPolicies) {
            for (Statement statement : policy.statements()) {
                if (statement.applies(iamAction, resource)) {
                    if (!statement.allow()) {
                        throw denied(userArn, iamAction, resource, "with an explicit deny in an identity-based policy");
                    }
                    allowed = true;
                }
            }
        }
        for (Policy policy : resourcePolicies) {
            for (Statement statement : policy.statements()) {
                if (statement.appliesTo(userArn, accountId) && statement.applies(iamAction, resource)) {
                    if (!statement.allow()) {
                        throw denied(userArn, iamAction, resource, "with an explicit deny in a resource-based policy");
                    }
                    allowed = true;
                }
            }
        }
        if (!allowed) {
            throw denied(userArn, iamAction, resource, "because no identity-based policy allows the " + iamAction + " action");
        }
    }

    private static ApiException denied(String userArn, String action, String resource, String reason) {
        return new ApiException(ErrorType.ACCESS_DENIED, "User: " + userArn + " is not authorized to perform: "
                + action + " on resource: " + resource + " " + reason);
    }
}

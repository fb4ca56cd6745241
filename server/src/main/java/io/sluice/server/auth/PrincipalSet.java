package io.sluice.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code Principal} of a resource-policy statement, normalized as IAM reads it: {@code "*"} or
 * {@code {"AWS": "*"}} is anyone; {@code "123456789012"} and {@code "arn:aws:iam::123456789012:root"} are the same
 * account; {@code "arn:aws:iam::123456789012:user/name"} is one user (the name case-sensitive); {@code "AWS"} takes
 * a string or a list. Whatever else IAM allows (roles, sessions, services, partial wildcards, which IAM refuses
 * anyway) names nobody Sluice can authenticate, so it is refused rather than silently never matching. Immutable.
 *
 * <p>An account principal is IAM's delegation to the account: in an Allow it grants nothing by itself (the user's
 * identity policies decide), in a Deny it applies to every user of the account.
 */
record PrincipalSet(boolean anyone, Set<String> accounts, Set<String> users) {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern ACCOUNT_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):root");
    private static final Pattern USER_ARN = Pattern.compile("arn:aws:iam::\\d{12}:user/[^*?]+");

    PrincipalSet {
        accounts = Set.copyOf(accounts);
        users = Set.copyOf(users);
    }

    /** Whether a statement with this principal and effect applies to the user. */
    boolean applies(String userArn, String accountId, boolean allow) {
        return anyone || users.contains(userArn) || (!allow && accounts.contains(accountId));
    }

    static PrincipalSet parse(JsonNode node, String statement) {
        if (node.isTextual()) {
            if (!node.asText().equals("*")) {
                throw new InvalidPolicyException("The " + statement + " has Principal '" + node.asText()
                        + "'; write \"*\" or {\"AWS\": ...}");
            }
            return new PrincipalSet(true, Set.of(), Set.of());
        }
        if (!node.isObject() || node.isEmpty()) {
            throw new InvalidPolicyException("The " + statement + " has a Principal that is neither \"*\" nor "
                    + "{\"AWS\": ...}: " + node);
        }
        for (Map.Entry<String, JsonNode> type : node.properties()) {
            if (!type.getKey().equals("AWS")) {
                throw new InvalidPolicyException("The " + statement + " has a Principal of type '" + type.getKey()
                        + "'; Sluice's principals are its users: use {\"AWS\": ...} with a user ARN, an account or \"*\"");
            }
        }
        boolean anyone = false;
        Set<String> accounts = new HashSet<>();
        Set<String> users = new HashSet<>();
        for (String value : strings(node.get("AWS"), statement)) {
            var account = ACCOUNT_ARN.matcher(value);
            if (value.equals("*")) {
                anyone = true;
            } else if (ACCOUNT.matcher(value).matches()) {
                accounts.add(value);
            } else if (account.matches()) {
                accounts.add(account.group(1));
            } else if (USER_ARN.matcher(value).matches()) {
                users.add(value);
            } else if (value.indexOf('*') >= 0 || value.indexOf('?') >= 0) {
                throw new InvalidPolicyException("The " + statement + " has Principal '" + value + "' with a "
                        + "wildcard; IAM allows \"*\" only as the whole principal");
            } else {
                throw new InvalidPolicyException("The " + statement + " has Principal '" + value + "', which is not "
                        + "\"*\", an account id, an account ARN (arn:aws:iam::<account>:root) or a user ARN "
                        + "(arn:aws:iam::<account>:user/<name>)");
            }
        }
        return new PrincipalSet(anyone, accounts, users);
    }

    private static List<String> strings(JsonNode node, String statement) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : node.isArray() ? node : List.of(node)) {
            if (!value.isTextual()) {
                throw new InvalidPolicyException("The " + statement + " has a value in Principal.AWS that is not a "
                        + "string: " + value);
            }
            values.add(value.asText());
        }
        if (values.isEmpty()) {
            throw new InvalidPolicyException("The " + statement + " has an empty Principal.AWS");
        }
        return values;
    }
}

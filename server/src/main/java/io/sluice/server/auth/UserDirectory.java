package io.sluice.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The users of a {@code sigv4} server, loaded from the auth config file:
 *
 * <pre>{@code
 * {"users": [{"name": "seed-user", "accessKeyId": "AKIA...", "secretAccessKey": "...",
 *             "policies": [{"Version": "2012-10-17", "Statement": [...]}]}]}
 * }</pre>
 *
 * Every mistake in the file is reported with the user it concerns, at start; policies follow {@link Policy}'s
 * rules, so one Sluice would not enforce as written stops the server from starting. Immutable and thread-safe.
 */
public final class UserDirectory {

    /** A user: credentials and the identity policies attached to it. */
    public record User(Credentials credentials, List<Policy> policies) {
    }

    private static final List<String> USER_ELEMENTS = List.of("name", "accessKeyId", "secretAccessKey", "policies");

    private final Map<String, User> byAccessKey;

    private UserDirectory(Map<String, User> byAccessKey) {
        this.byAccessKey = Map.copyOf(byAccessKey);
    }

    public static UserDirectory load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the auth config " + file + ": " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = StrictJson.read(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid auth config " + file + ": not valid JSON: " + e.getMessage(), e);
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException | InvalidPolicyException e) {
            throw new IllegalArgumentException("Invalid auth config " + file + ": " + e.getMessage(), e);
        }
    }

    static UserDirectory parse(JsonNode root) {
        JsonNode users = root == null ? null : root.get("users");
        if (users == null || !users.isArray()) {
            throw new IllegalArgumentException("expected {\"users\": [...]} at the top level");
        }
        Map<String, User> byAccessKey = new HashMap<>();
        int index = 0;
        for (JsonNode user : users) {
            index++;
            String name = required(user, "name", "user " + index);
            String where = "user '" + name + "'";
            for (String element : (Iterable<String>) user::fieldNames) {
                if (!USER_ELEMENTS.contains(element)) {
                    throw new IllegalArgumentException(where + " has an unknown element \"" + element
                            + "\"; a user has " + String.join(", ", USER_ELEMENTS));
                }
            }
            String accessKeyId = required(user, "accessKeyId", where);
            String secret = required(user, "secretAccessKey", where);
            JsonNode policyList = user.path("policies");
            if (!policyList.isMissingNode() && !policyList.isArray()) {
                throw new IllegalArgumentException(where + " has \"policies\" that is not a list: write [{...}, ...]");
            }
            List<Policy> policies = new ArrayList<>();
            for (JsonNode policy : policyList) {
                try {
                    policies.add(Policy.parse(policy, false));
                } catch (InvalidPolicyException e) {
                    throw new IllegalArgumentException(where + ", policy " + (policies.size() + 1) + ": "
                            + e.getMessage(), e);
                }
            }
            if (byAccessKey.put(accessKeyId, new User(new Credentials(accessKeyId, secret, name), policies)) != null) {
                throw new IllegalArgumentException(where + " reuses access key id " + accessKeyId);
            }
        }
        return new UserDirectory(byAccessKey);
    }

    private static String required(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + " needs a non-empty \"" + field + "\"");
        }
        return value.asText();
    }

    /** The user owning an access key id, or {@code null}. */
    public User byAccessKey(String accessKeyId) {
        return byAccessKey.get(accessKeyId);
    }

    /** The user by name, or {@code null}. */
    public User byName(String userName) {
        return byAccessKey.values().stream()
                .filter(u -> u.credentials().userName().equals(userName))
                .findFirst()
                .orElse(null);
    }
}

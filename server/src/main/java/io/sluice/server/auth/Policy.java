package io.sluice.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An IAM-style JSON policy document: {@code {"Version": "2012-10-17", "Statement": [{"Effect", "Action",
 * "Resource", ...}]}}. Parsing rejects what Sluice cannot enforce (conditions, unknown effects) with a message
 * naming the statement, rather than silently granting or denying. Immutable and thread-safe.
 */
public final class Policy {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Statement> statements;

    private Policy(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    List<Statement> statements() {
        return statements;
    }

    /** Parses an identity policy (no {@code Principal} allowed) or, with {@code resourcePolicy}, a resource policy. */
    public static Policy parse(String json, boolean resourcePolicy) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new InvalidPolicyException("The policy is not valid JSON: " + e.getMessage());
        }
        return parse(root, resourcePolicy);
    }

    public static Policy parse(JsonNode root, boolean resourcePolicy) {
        if (root == null || !root.isObject()) {
            throw new InvalidPolicyException("A policy must be a JSON object with a Statement");
        }
        JsonNode statementNode = root.get("Statement");
        if (statementNode == null) {
            throw new InvalidPolicyException("The policy has no Statement");
        }
        List<Statement> statements = new ArrayList<>();
        int index = 0;
        for (JsonNode node : statementNode.isArray() ? statementNode : List.of(statementNode)) {
            statements.add(statement(node, index++, resourcePolicy));
        }
        return new Policy(statements);
    }

    private static Statement statement(JsonNode node, int index, boolean resourcePolicy) {
        String name = node.hasNonNull("Sid") ? "statement '" + node.get("Sid").asText() + "'" : "statement " + (index + 1);
        String effect = node.path("Effect").asText("");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new InvalidPolicyException("The " + name + " has Effect '" + effect + "'; use Allow or Deny");
        }
        if (node.has("Condition")) {
            throw new InvalidPolicyException("The " + name + " has a Condition, which Sluice does not evaluate; "
                    + "remove it or express the rule with Action and Resource");
        }
        boolean notAction = node.has("NotAction");
        boolean notResource = node.has("NotResource");
        List<Wildcard> actions = globs(node.get(notAction ? "NotAction" : "Action"), name, "Action").stream()
                .map(Wildcard::action).toList();
        List<Wildcard> resources = globs(node.get(notResource ? "NotResource" : "Resource"), name, "Resource").stream()
                .map(Wildcard::resource).toList();
        List<Wildcard> principals = null;
        if (resourcePolicy) {
            principals = principals(node.get("Principal"), name);
        } else if (node.has("Principal")) {
            throw new InvalidPolicyException("The " + name + " names a Principal; identity policies apply to their user");
        }
        return new Statement(name, effect.equals("Allow"), actions, notAction, resources, notResource, principals);
    }

    private static List<String> globs(JsonNode node, String statement, String field) {
        if (node == null || node.isNull()) {
            throw new InvalidPolicyException("The " + statement + " has no " + field);
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : node.isArray() ? node : List.of(node)) {
            if (!value.isTextual()) {
                throw new InvalidPolicyException("The " + statement + " has a " + field + " that is not a string: " + value);
            }
            values.add(value.asText());
        }
        return values;
    }

    private static List<Wildcard> principals(JsonNode node, String statement) {
        if (node == null) {
            throw new InvalidPolicyException("The " + statement + " of a resource policy needs a Principal");
        }
        if (node.isTextual()) {
            return List.of(Wildcard.resource(node.asText()));
        }
        return globs(node.get("AWS"), statement, "Principal.AWS").stream().map(Wildcard::resource).toList();
    }
}

package io.sluice.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An IAM-style JSON policy document: {@code {"Version": "2012-10-17", "Id": ..., "Statement": [{"Effect", "Action",
 * "Resource", ...}]}}. Parsing refuses, with the element named, anything Sluice would not enforce as written
 * (see {@link Statement}), an unknown {@code Version} and JSON that is not strictly one document (see
 * {@link StrictJson}). The same rules apply to policies in the auth config file and to PutResourcePolicy.
 * Immutable and thread-safe.
 */
public final class Policy {

    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final List<String> ELEMENTS = List.of("Version", "Id", "Statement");

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
            root = StrictJson.read(json);
        } catch (IllegalArgumentException e) {
            throw new InvalidPolicyException("The policy is not valid JSON: " + e.getMessage());
        }
        return parse(root, resourcePolicy);
    }

    public static Policy parse(JsonNode root, boolean resourcePolicy) {
        if (root == null || !root.isObject()) {
            throw new InvalidPolicyException("A policy must be a JSON object with a Statement");
        }
        for (String element : (Iterable<String>) root::fieldNames) {
            if (!ELEMENTS.contains(element)) {
                throw Statement.unknownElement("The policy", element, ELEMENTS, "a policy has Version, Id and Statement");
            }
        }
        JsonNode version = root.get("Version");
        if (version != null && !(version.isTextual() && VERSIONS.contains(version.asText()))) {
            throw new InvalidPolicyException("The policy has Version " + version + ", which IAM does not know; use "
                    + "\"2012-10-17\" (or \"2008-10-17\")");
        }
        JsonNode statementNode = root.get("Statement");
        if (statementNode == null || (statementNode.isArray() && statementNode.isEmpty())) {
            throw new InvalidPolicyException("The policy has no Statement");
        }
        List<Statement> statements = new ArrayList<>();
        int index = 0;
        for (JsonNode node : statementNode.isArray() ? statementNode : List.of(statementNode)) {
            statements.add(Statement.parse(node, index++, resourcePolicy));
        }
        return new Policy(statements);
    }

    /** A resource policy denying everyone every action but these. */
    static Policy denyAllBut(List<String> actions) {
        return new Policy(List.of(new Statement("refused stored policy", false,
                actions.stream().map(Wildcard::action).toList(), true, List.of(Wildcard.resource("*")), false,
                new PrincipalSet(true, Set.of(), Set.of()))));
    }
}

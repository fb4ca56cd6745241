package io.sluice.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One policy statement: an effect over actions and resources ({@code NotAction}/{@code NotResource} invert the
 * match) and, in resource policies, the principals it applies to ({@code null} in identity policies).
 *
 * <p>{@link #parse} accepts only what Sluice enforces. Anything else is refused with the element named, since a
 * statement that is silently half-applied grants or denies what its author did not mean: {@code Condition} (in any
 * spelling), {@code NotPrincipal}, unknown elements (names are case-sensitive, as in IAM), {@code Action} together
 * with {@code NotAction}, {@code Resource} together with {@code NotResource}, an action without its service prefix.
 */
record Statement(String sid, boolean allow, List<Wildcard> actions, boolean notAction, List<Wildcard> resources,
                 boolean notResource, PrincipalSet principals) {

    private static final List<String> ELEMENTS = List.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");

    boolean applies(String action, String resource) {
        boolean actionMatch = actions.stream().anyMatch(w -> w.matches(action));
        boolean resourceMatch = resources.stream().anyMatch(w -> w.matches(resource));
        return actionMatch != notAction && resourceMatch != notResource;
    }

    /** Whether this statement concerns the user: always in an identity policy, by its Principal in a resource policy. */
    boolean appliesTo(String userArn, String accountId) {
        return principals == null || principals.applies(userArn, accountId, allow);
    }

    /** @param index the statement's position, from 0, to name it when it has no Sid */
    static Statement parse(JsonNode node, int index, boolean resourcePolicy) {
        String name = node.hasNonNull("Sid") ? "statement '" + node.get("Sid").asText() + "'" : "statement " + (index + 1);
        if (!node.isObject()) {
            throw new InvalidPolicyException("The " + name + " is not a JSON object: " + node);
        }
        for (String element : (Iterable<String>) node::fieldNames) {
            checkKnown(element, name);
        }
        String effect = node.path("Effect").asText("");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new InvalidPolicyException("The " + name + " has Effect '" + effect + "'; use Allow or Deny");
        }
        boolean notAction = exactlyOne(node, "Action", "NotAction", name);
        boolean notResource = exactlyOne(node, "Resource", "NotResource", name);
        List<Wildcard> actions = new ArrayList<>();
        for (String action : strings(node, notAction ? "NotAction" : "Action", name)) {
            if (!action.equals("*") && action.indexOf(':') < 0) {
                throw new InvalidPolicyException("The " + name + " has Action '" + action + "' without a service "
                        + "prefix; write 'kinesis:" + action + "'");
            }
            actions.add(Wildcard.action(action));
        }
        List<Wildcard> resources = strings(node, notResource ? "NotResource" : "Resource", name).stream()
                .map(Wildcard::resource).toList();
        PrincipalSet principals = null;
        if (resourcePolicy) {
            if (!node.has("Principal")) {
                throw new InvalidPolicyException("The " + name + " of a resource policy needs a Principal");
            }
            principals = PrincipalSet.parse(node.get("Principal"), name);
        } else if (node.has("Principal")) {
            throw new InvalidPolicyException("The " + name + " names a Principal; identity policies apply to their user");
        }
        return new Statement(name, effect.equals("Allow"), actions, notAction, resources, notResource, principals);
    }

    private static void checkKnown(String element, String statement) {
        if (element.toLowerCase(Locale.ROOT).equals("condition")) {
            throw new InvalidPolicyException("The " + statement + " has a Condition"
                    + (element.equals("Condition") ? "" : " ('" + element + "')")
                    + ", which Sluice does not evaluate; remove it or express the rule with Action and Resource");
        }
        if (element.equals("NotPrincipal")) {
            throw new InvalidPolicyException("The " + statement + " has a NotPrincipal, which Sluice does not "
                    + "evaluate; name the principals it applies to with Principal");
        }
        if (!ELEMENTS.contains(element)) {
            throw unknownElement("The " + statement, element, ELEMENTS,
                    "a statement has Sid, Effect, Principal, Action or NotAction, Resource or NotResource");
        }
    }

    /** An element name that is not allowed there, with the right spelling when only its case is wrong. */
    static InvalidPolicyException unknownElement(String where, String element, List<String> known, String hint) {
        for (String candidate : known) {
            if (candidate.equalsIgnoreCase(element)) {
                return new InvalidPolicyException(where + " has an unknown element '" + element
                        + "'; element names are case-sensitive: did you mean '" + candidate + "'?");
            }
        }
        return new InvalidPolicyException(where + " has an unknown element '" + element + "'; " + hint);
    }

    /** Whether the statement uses the negated element; refuses both or neither. */
    private static boolean exactlyOne(JsonNode node, String element, String negated, String statement) {
        boolean plain = node.has(element);
        boolean not = node.has(negated);
        if (plain && not) {
            throw new InvalidPolicyException("The " + statement + " has both " + element + " and " + negated
                    + "; use one of them");
        }
        if (!plain && !not) {
            throw new InvalidPolicyException("The " + statement + " has no " + element);
        }
        return not;
    }

    private static List<String> strings(JsonNode node, String element, String statement) {
        JsonNode value = node.get(element);
        List<String> values = new ArrayList<>();
        for (JsonNode item : value.isArray() ? value : List.of(value)) {
            if (!item.isTextual()) {
                throw new InvalidPolicyException("The " + statement + " has a value in " + element
                        + " that is not a string: " + item);
            }
            values.add(item.asText());
        }
        if (values.isEmpty()) {
            throw new InvalidPolicyException("The " + statement + " has an empty " + element);
        }
        return values;
    }
}

package io.sluice.server.auth;

import java.util.List;

/**
 * One policy statement: an effect over actions and resources ({@code NotAction}/{@code NotResource} invert the
 * match) and, in resource policies, the principals it applies to ({@code null} in identity policies).
 */
record Statement(String sid, boolean allow, List<Wildcard> actions, boolean notAction, List<Wildcard> resources,
                 boolean notResource, List<Wildcard> principals) {

    boolean applies(String action, String resource) {
        boolean actionMatch = actions.stream().anyMatch(w -> w.matches(action));
        boolean resourceMatch = resources.stream().anyMatch(w -> w.matches(resource));
        return actionMatch != notAction && resourceMatch != notResource;
    }

    boolean appliesTo(String principalArn) {
        return principals == null || principals.stream().anyMatch(w -> w.matches(principalArn));
    }
}

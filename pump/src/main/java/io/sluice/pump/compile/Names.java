package io.sluice.pump.compile;

import java.util.Collection;
import java.util.Locale;

/** How messages show names (quoted as SQL quotes them) and which known name a mistyped one most likely meant. */
final class Names {

    /** Names further apart than this are not suggested. */
    private static final int MAX_DISTANCE = 2;

    private Names() {
    }

    /** {@code name} as a quoted SQL identifier: {@code "name"}, inner quotes doubled. */
    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * The candidate closest to {@code name} by edit distance, when at most {@value #MAX_DISTANCE} edits away; null
     * otherwise. The first of equally close candidates wins.
     */
    static String nearest(String name, Collection<String> candidates, boolean ignoreCase) {
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        String wanted = ignoreCase ? name.toUpperCase(Locale.ROOT) : name;
        for (String candidate : candidates) {
            int d = distance(wanted, ignoreCase ? candidate.toUpperCase(Locale.ROOT) : candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    /** Levenshtein distance, in O(|a|·|b|) time and O(|b|) memory (names are at most a few hundred characters). */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return prev[b.length()];
    }
}

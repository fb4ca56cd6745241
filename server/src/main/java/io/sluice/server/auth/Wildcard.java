package io.sluice.server.auth;

import java.util.regex.Pattern;

/** IAM's glob: {@code *} matches any run of characters, {@code ?} any single one; everything else is literal. */
final class Wildcard {

    private final Pattern pattern;

    private Wildcard(String glob, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        this.pattern = Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.DOTALL : Pattern.DOTALL);
    }

    /** Action names compare case-insensitively in IAM. */
    static Wildcard action(String glob) {
        return new Wildcard(glob, true);
    }

    /** ARNs compare case-sensitively. */
    static Wildcard resource(String glob) {
        return new Wildcard(glob, false);
    }

    boolean matches(String value) {
        return pattern.matcher(value).matches();
    }
}

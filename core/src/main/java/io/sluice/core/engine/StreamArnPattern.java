package io.sluice.core.engine;

/**
 * The Kinesis API model's StreamARN pattern, {@code arn:aws.*:kinesis:.*:\d{12}:stream/\S+}, matched in linear
 * time. {@code java.util.regex} backtracks over the two {@code .*}: an ARN that repeats {@code :kinesis:} a hundred
 * thousand times kept a worker busy for minutes. Same answer as {@code String.matches} with that pattern for every
 * input ({@code StreamArnPatternTest} compares them on random strings). Stateless.
 */
final class StreamArnPattern {

    static final String PATTERN = "arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+";

    private static final String PREFIX = "arn:aws";
    private static final String SERVICE = ":kinesis:";
    private static final String RESOURCE = ":stream/";
    private static final int ACCOUNT_DIGITS = 12;

    private StreamArnPattern() {
    }

    static boolean matches(String arn) {
        if (!arn.startsWith(PREFIX)) {
            return false;
        }
        // The earliest ":kinesis:" leaves the most room for the rest, so it is the only one worth trying.
        int service = arn.indexOf(SERVICE, PREFIX.length());
        if (service < 0) {
            return false;
        }
        int accountFrom = service + SERVICE.length(); // where ":" + 12 digits may start, ".*" being empty
        int lineBreak = firstLineTerminator(arn);     // "." matches no line terminator
        if (lineBreak < accountFrom) {
            return false;
        }
        int tail = nonSpaceTail(arn);                 // \S+ runs from ":stream/" to the end
        for (int at = arn.indexOf(RESOURCE, accountFrom); at >= 0; at = arn.indexOf(RESOURCE, at + 1)) {
            int colon = at - ACCOUNT_DIGITS - 1;
            int name = at + RESOURCE.length();
            if (colon >= accountFrom && colon <= lineBreak && name < arn.length() && name >= tail
                    && arn.charAt(colon) == ':' && digits(arn, colon + 1, at)) {
                return true;
            }
        }
        return false;
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Index of the first character {@code .} does not match, or the length. */
    private static int firstLineTerminator(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return i;
            }
        }
        return s.length();
    }

    /** Start of the longest suffix without a {@code \s} character. */
    private static int nonSpaceTail(String s) {
        int i = s.length();
        while (i > 0 && " \t\n\u000B\f\r".indexOf(s.charAt(i - 1)) < 0) {
            i--;
        }
        return i;
    }
}

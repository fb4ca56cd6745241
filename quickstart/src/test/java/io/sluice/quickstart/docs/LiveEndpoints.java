package io.sluice.quickstart.docs;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The substitution rule of the docs test. The docs name the usual endpoints — the Kinesis API on
 * {@code 127.0.0.1:4567} and the Connect REST API on {@code localhost:8083} — but a test binds free ports, since
 * those may be taken on a shared machine. So before a block runs, {@code 127.0.0.1:4567} and {@code localhost:4567}
 * become the live server's {@code host:port}, and {@code localhost:8083} and {@code 127.0.0.1:8083} the live
 * worker's, wherever they occur in the block as a whole address (in URLs, JSON bodies, Python strings; not inside
 * {@code 127.0.0.1:45670}). Nothing else in a block is changed. The {@code --stay} commands need none of it: the
 * quickstart prints its live endpoints.
 */
record LiveEndpoints(String kinesis, String connect) {

    private static final Pattern KINESIS_IN_DOCS = address("(?:127\\.0\\.0\\.1|localhost):4567");
    private static final Pattern CONNECT_IN_DOCS = address("(?:127\\.0\\.0\\.1|localhost):8083");

    static LiveEndpoints of(URI kinesis, URI connect) {
        return new LiveEndpoints(kinesis.getAuthority(), connect.getAuthority());
    }

    String substitute(String text) {
        String kinesisSubstituted = KINESIS_IN_DOCS.matcher(text).replaceAll(Matcher.quoteReplacement(kinesis));
        return CONNECT_IN_DOCS.matcher(kinesisSubstituted).replaceAll(Matcher.quoteReplacement(connect));
    }

    /** {@code hostAndPort} not inside a longer name or number. */
    private static Pattern address(String hostAndPort) {
        return Pattern.compile("(?<![\\w.-])" + hostAndPort + "(?!\\d)");
    }
}

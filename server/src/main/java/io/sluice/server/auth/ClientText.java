package io.sluice.server.auth;

/**
 * Client text quoted in an authentication error. Error messages are answered and also logged (one line per
 * refused request), and a signature must never reach the log: a logged signature could be replayed while it is
 * valid. So every run of {@value #MASKED_RUN} or more hexadecimal digits (a SigV4 signature is 64) is shown as
 * {@value #MASK}, wherever it stands — in a well-formed {@code Signature=} part, in a part missing its
 * {@code =}, or anywhere else a client put it. Quotes are also cut after {@value #MAX_CHARS} characters (a run of
 * digits or the mask that crosses the limit is kept whole), so a hostile header cannot make the answer or the log
 * line large. Linear time; stateless.
 */
final class ClientText {

    static final int MASKED_RUN = 32;
    static final int MAX_CHARS = 256;
    static final String MASK = "<redacted>";

    private ClientText() {
    }

    static String quoted(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + MASK.length());
        int i = 0;
        while (i < text.length() && out.length() < MAX_CHARS) {
            int run = i;
            while (run < text.length() && isHex(text.charAt(run))) {
                run++;
            }
            if (run - i >= MASKED_RUN) {
                out.append(MASK);
                i = run;
            } else if (run > i) {
                out.append(text, i, run);
                i = run;
            } else {
                out.append(text.charAt(i++));
            }
        }
        if (i < text.length()) {
            out.append("...");
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}

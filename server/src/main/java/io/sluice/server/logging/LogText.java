package io.sluice.server.logging;

/**
 * Client-supplied text made safe for one log line: control characters (CR and LF above all, which would let a
 * request forge log lines) are written as escapes, and the text is cut to {@value #MAX_CHARS} characters so a
 * megabyte value quoted in an error message cannot bloat the log. Stateless.
 */
public final class LogText {

    static final int MAX_CHARS = 1024;

    private LogText() {
    }

    public static String of(Object value) {
        String text = String.valueOf(value);
        int end = Math.min(text.length(), MAX_CHARS);
        StringBuilder out = new StringBuilder(end + 16);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (text.length() > end) {
            out.append("... (").append(text.length() - end).append(" more characters)");
        }
        return out.toString();
    }
}

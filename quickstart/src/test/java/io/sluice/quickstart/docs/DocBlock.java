package io.sluice.quickstart.docs;

import java.util.Optional;

/**
 * A fenced block of a Markdown file that the docs test runs, or skips with the reason the Markdown gives.
 *
 * @param file            the Markdown file, relative to the checkout (as failures name it)
 * @param line            the line of the opening fence, counted from 1
 * @param kind            how the block runs
 * @param text            the block's lines, without the fences and the fence's indentation
 * @param reason          why a {@link Kind#SKIP} block is not run (empty for the others)
 * @param expectedOutput  the lines of a {@code ```text} block that directly follows it, if any
 */
record DocBlock(String file, int line, Kind kind, String text, String reason, Optional<String> expectedOutput) {

    enum Kind {
        /** A {@code bash}/{@code sh}/{@code shell} block: one bash script, stopping at the first failing command. */
        SHELL,
        /** A {@code python} block: one Python 3 script. */
        PYTHON,
        /** A shell block of {@code bin/sluice-server} command lines, each started on its own until it listens. */
        SERVERS,
        /** A shell or Python block marked as not runnable here. */
        SKIP
    }

    /** {@code README.md:42}, as failures and the skip list name a block. */
    String location() {
        return file + ":" + line;
    }
}

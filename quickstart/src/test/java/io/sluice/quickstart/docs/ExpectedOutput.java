package io.sluice.quickstart.docs;

import java.util.List;
import java.util.Optional;

/**
 * The output a doc shows for a block, as a check of what the block printed. Each line the doc shows must be a line
 * of the output, in the doc's order, compared without surrounding white space; output lines the doc leaves out may
 * come anywhere in between (a doc line {@code ...} says so to the reader, and is not itself compared). Blank lines
 * are not compared. So a doc can show the one telling line of a long JSON answer, and what varies from run to run
 * (sequence numbers, timestamps) stays out of it.
 */
final class ExpectedOutput {

    private static final String ELISION = "...";

    private ExpectedOutput() {
    }

    /** Empty when {@code actual} shows every line of {@code expected} in order, else the first line it lacks. */
    static Optional<String> firstMissingLine(String expected, String actual) {
        List<String> output = actual.lines().map(String::strip).toList();
        int searchFrom = 0;
        for (String line : expected.lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.equals(ELISION)) {
                continue;
            }
            int found = output.subList(searchFrom, output.size()).indexOf(line);
            if (found < 0) {
                return Optional.of(line);
            }
            searchFrom += found + 1;
        }
        return Optional.empty();
    }
}

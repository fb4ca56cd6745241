package io.sluice.cli;

/** What {@code sluice} exits with (the numbers of BSD's sysexits where one fits). */
final class ExitCodes {

    static final int OK = 0;
    /** Kinesis refused a call: its error code and message are printed. */
    static final int SERVICE_ERROR = 1;
    /** The endpoint could not be reached. */
    static final int UNREACHABLE = 3;
    /** The stream does not exist. */
    static final int NO_SUCH_STREAM = 4;
    /** A command line sluice does not understand (EX_USAGE). */
    static final int USAGE = 64;
    /** An input line that cannot be put (EX_DATAERR); the lines before it were put. */
    static final int BAD_INPUT = 65;
    /** No credentials or region to sign with (EX_CONFIG). */
    static final int NO_CREDENTIALS = 78;

    static final String HELP = """
            Exit codes: 0 done; 1 Kinesis refused a call; 3 the endpoint cannot be reached; 4 no such stream;
            64 a bad command line; 65 an input line that cannot be put (the lines before it were put);
            78 no credentials or region.""";

    private ExitCodes() {
    }
}

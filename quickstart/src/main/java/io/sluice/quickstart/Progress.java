package io.sluice.quickstart;

import java.io.PrintStream;
import java.util.Locale;

/** The quickstart's narration: numbered steps with the seconds since start, and indented details. */
final class Progress {

    private final PrintStream out;
    private final long started = System.nanoTime();

    Progress(PrintStream out) {
        this.out = out;
    }

    void step(String what) {
        out.printf(Locale.ROOT, "[%5.1f s] %s%n", seconds(), what);
        out.flush();
    }

    void detail(String what) {
        out.println("          " + what);
        out.flush();
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }
}

package io.sluice.bench.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A process's resident memory and open files, read from Linux's {@code /proc}. */
record ProcessFootprint(long rssBytes, int openFiles) {

    static ProcessFootprint of(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        long rss = 0;
        for (String line : Files.readAllLines(proc.resolve("status"))) {
            if (line.startsWith("VmRSS:")) { // "VmRSS:    123456 kB"
                rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        try (Stream<Path> files = Files.list(proc.resolve("fd"))) {
            return new ProcessFootprint(rss, (int) files.count());
        }
    }

    long rssMegabytes() {
        return rssBytes >> 20;
    }
}

package io.sluice.bench.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping the servers the benchmark runs as child processes (sluice-server, kinesalite). */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    /**
     * Asks {@code process} to stop (SIGTERM, so it can shut down cleanly), waits up to {@code grace} for it, then
     * kills it (SIGKILL). If this thread is interrupted while waiting, kills it at once and keeps the interrupt.
     */
    public static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

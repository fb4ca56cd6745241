package io.sluice.bench.support;

import java.time.Duration;
import java.util.Locale;

/**
 * CPU this JVM and a server process spent during one phase of a benchmark, per record, by thread group, and how
 * many cores both kept busy on average: near the machine's core count, the phase was bound by CPU, not by waiting.
 * Starts when made; {@link #stop} reads it (before the phase's threads end, or their CPU is lost from the groups).
 */
public final class PhaseCpu {

    private static final long SELF = ProcessHandle.current().pid();

    /** A phase's CPU per record in microseconds on each side, and where each side's went. */
    public record Result(double localMicros, double serverMicros, double coresBusy, String localThreads,
                         String serverThreads) {

        /** Microseconds per record on both sides. */
        public double total() {
            return localMicros + serverMicros;
        }

        public String describe() {
            return String.format(Locale.ROOT, "CPU per record %.1f µs here + %.1f µs server, %.1f cores busy",
                    localMicros, serverMicros, coresBusy);
        }

        public String threads() {
            return "    µs per record by thread, here: " + localThreads + "\n    server: " + serverThreads;
        }
    }

    private final Endpoint server;
    private final long started = System.nanoTime();
    private final Duration localBefore = localCpu();
    private final ThreadCpu localThreadsBefore = ThreadCpu.of(SELF);
    private final Duration serverBefore;
    private final ThreadCpu serverThreadsBefore;

    public PhaseCpu(Endpoint server) {
        this.server = server;
        this.serverBefore = server.cpu();
        this.serverThreadsBefore = server.threadCpu();
    }

    public Result stop(long records) {
        double local = localCpu().minus(localBefore).toNanos() / 1e3 / records;
        double remote = server.cpu().minus(serverBefore).toNanos() / 1e3 / records;
        double microsPerRecord = 1e6 / records;
        double coresBusy = (local + remote) * records / ((System.nanoTime() - started) / 1e3);
        return new Result(local, remote, coresBusy, ThreadCpu.of(SELF).since(localThreadsBefore, microsPerRecord),
                server.threadCpu().since(serverThreadsBefore, microsPerRecord));
    }

    private static Duration localCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }
}

package io.sluice.bench.soak;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Mixed valid load with hostile requests interleaved, against a running server for a set time: producers write
 * acknowledged records ({@link AcknowledgedLoad}) while attackers cycle through {@link HostileRequests}; then every
 * acknowledged record is read back. The report says what was lost (must be nothing), which hostile requests went
 * unanswered (must be none) and what each kind was answered.
 */
public final class HostileSoak {

    /** The figures of one run. */
    public record Report(long acknowledged, long refusedEntries, long failedCalls, Set<String> missing,
                         Map<String, Map<Integer, Long>> hostileAnswers, boolean servesAfter) {

        public long unanswered() {
            return hostileAnswers.values().stream().mapToLong(byStatus -> byStatus.getOrDefault(-1, 0L)).sum();
        }

        public long hostileRequests() {
            return hostileAnswers.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
        }
    }

    /** Where to reach the server and as whom (a user allowed kinesis:*). */
    public record Target(URI endpoint, String region, String accessKeyId, String secretAccessKey) {
    }

    private final Target target;
    private final int producers;
    private final int attackers;

    public HostileSoak(Target target, int producers, int attackers) {
        this.target = target;
        this.producers = producers;
        this.attackers = attackers;
    }

    /** Runs for {@code duration}, calling {@code tick} about every five seconds with the time elapsed. */
    public Report run(Duration duration, Consumer<Duration> tick) throws Exception {
        AcknowledgedLoad load = new AcknowledgedLoad(target.endpoint(), target.region(), target.accessKeyId(),
                target.secretAccessKey());
        SignedRequests signed = new SignedRequests(target.endpoint(), target.region(), target.accessKeyId(),
                target.secretAccessKey());
        Map<String, Map<Integer, AtomicLong>> answers = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(producers + attackers);
        try {
            load.createStream(4);
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            List<Future<?>> workers = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                workers.add(pool.submit(() -> {
                    long next = 0;
                    while (System.nanoTime() < end) {
                        next = load.putBatch(producer, next);
                    }
                    return null;
                }));
            }
            for (int a = 0; a < attackers; a++) {
                HostileRequests hostile = new HostileRequests(target.endpoint(), signed, 20261204L + a);
                List<HostileRequests.Kind> kinds = hostile.kinds();
                int offset = a * kinds.size() / Math.max(1, attackers); // attackers start on different kinds
                workers.add(pool.submit(() -> {
                    for (int i = offset; System.nanoTime() < end; i++) {
                        HostileRequests.Kind kind = kinds.get(i % kinds.size());
                        int status = kind.attempt().run();
                        answers.computeIfAbsent(kind.name(), k -> new ConcurrentHashMap<>())
                                .computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                    }
                    return null;
                }));
            }
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(5_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                tick.accept(Duration.ofNanos(System.nanoTime() - start));
            }
            for (Future<?> worker : workers) {
                worker.get(2, TimeUnit.MINUTES); // an attacker's last attempt may wait out its 30 s timeout
            }
            Set<String> missing = load.missing();
            return new Report(load.acknowledgedCount(), load.refusedEntries(), load.failedCalls(), missing,
                    snapshot(answers), load.serves());
        } finally {
            pool.shutdownNow();
            load.close();
        }
    }

    private static Map<String, Map<Integer, Long>> snapshot(Map<String, Map<Integer, AtomicLong>> answers) {
        Map<String, Map<Integer, Long>> copy = new TreeMap<>();
        answers.forEach((kind, byStatus) -> {
            Map<Integer, Long> counts = new TreeMap<>();
            byStatus.forEach((status, n) -> counts.put(status, n.get()));
            copy.put(kind, counts);
        });
        return copy;
    }
}

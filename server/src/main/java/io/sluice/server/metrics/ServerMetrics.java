package io.sluice.server.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sluice.core.StreamEngine;
import io.sluice.server.protocol.RequestObserver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * The server's metrics in one Prometheus registry: per action the requests answered by status and their latency;
 * the request memory in flight; the data directory's log bytes and free space; and the engine's per stream and
 * shard figures ({@link EngineMetrics}). Request figures are counted as requests are answered (a map lookup and an
 * add: per request, never per record); the rest is read when scraped. Thread-safe.
 */
public final class ServerMetrics implements RequestObserver {

    /** Latency buckets from half a millisecond to ten seconds. */
    private static final double[] LATENCY_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
            1, 2.5, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram latency;

    public ServerMetrics(StreamEngine engine, LongSupplier inflightBytes) {
        requests = Counter.builder().name("sluice_requests").help("Kinesis API requests answered, by action and HTTP status")
                .labelNames("action", "status").register(registry);
        latency = Histogram.builder().name("sluice_request_duration_seconds")
                .help("Time from a request's arrival at a worker to its answer, by action (for SubscribeToShard: to "
                        + "the start of its event stream)")
                .labelNames("action").classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
        GaugeWithCallback.builder().name("sluice_inflight_bytes")
                .help("Request memory held: bodies waiting or being served (counted twice) and replies being written")
                .callback(gauge -> gauge.call(inflightBytes.getAsLong())).register(registry);
        Path dataDir = engine.config().dataDir();
        GaugeWithCallback.builder().name("sluice_data_directory_bytes")
                .help("Bytes of the shard logs in the data directory").callback(gauge -> gauge.call(EngineMetrics.logBytes(engine)))
                .register(registry);
        GaugeWithCallback.builder().name("sluice_data_directory_free_bytes")
                .help("Space left for the data directory on its file system").callback(gauge -> gauge.call(usableSpace(dataDir)))
                .register(registry);
        registry.register(new EngineMetrics(engine));
    }

    @Override
    public void answered(String action, int status, long nanos) {
        requests.labelValues(action, Integer.toString(status)).inc();
        latency.labelValues(action).observe(nanos / 1e9);
    }

    /** Every metric in the Prometheus text format (version 0.0.4). */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    private static double usableSpace(Path dataDir) {
        try {
            return Files.getFileStore(dataDir).getUsableSpace();
        } catch (IOException e) {
            return Double.NaN; // the directory is unreadable: the gauge says so rather than failing the scrape
        }
    }
}

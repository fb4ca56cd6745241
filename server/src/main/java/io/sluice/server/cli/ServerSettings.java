package io.sluice.server.cli;

import java.util.List;

/**
 * Every {@code sluice-server} setting with its default and meaning: the one list from which {@code --help} and the
 * settings table in {@code server/README.md} are generated (a test keeps the README current). A setting's name is
 * both its flag ({@code --name}) and its key in a {@code --config} properties file.
 */
public final class ServerSettings {

    /** One setting; {@code example} is a value the server accepts, used to test that the name is really read. */
    public record Setting(String name, String example, String defaultValue, String meaning) {
    }

    public static final List<Setting> ALL = List.of(
            new Setting("host", "127.0.0.1", "127.0.0.1", "address to bind"),
            new Setting("port", "4567", "4567", "`0` picks a free port"),
            new Setting("data-dir", "data", "data", "streams, shard logs, keys (layout in `core/README.md`)"),
            new Setting("region", "us-east-1", "us-east-1", "the region ARNs name"),
            new Setting("account-id", "000000000000", "000000000000", "the account ARNs name"),
            new Setting("shard-limit", "10000", "10000",
                    "open shards allowed across all streams (the account shard limit)"),
            new Setting("limits", "kinesis", "kinesis",
                    "`kinesis`: per-shard throughput limits as in Amazon Kinesis; `off`: none"),
            new Setting("fsync", "interval:1000", "always",
                    "`always`: acknowledged = on disk; `interval` / `interval:<ms>`: synced periodically"),
            new Setting("auth", "open", "open",
                    "`open`: any complete SigV4 signature is accepted (a warning says so); `sigv4`: verified"),
            new Setting("auth-config", "config/server/auth.json", "",
                    "users, keys and IAM-style policies for `sigv4` (example: `config/server/auth.json`)"),
            new Setting("tls-cert", "server.crt", "", "PEM certificate chain; with `tls-key` the port speaks TLS"),
            new Setting("tls-key", "server.key", "", "PKCS#8 PEM private key of `tls-cert`"),
            new Setting("max-request-bytes", "10485760", "10485760",
                    "larger bodies get `413 RequestEntityTooLargeException`"),
            new Setting("max-inflight-bytes", "268435456", "268435456",
                    "memory of requests in flight: bodies waiting or being served count twice (bytes and decoded "
                            + "form), replies until written; beyond that `503`"),
            new Setting("worker-threads", "8", "4 × cores, at least 8",
                    "requests served at once; 256 more may wait, beyond that `503`"),
            new Setting("max-connections", "1000", "1000",
                    "connections open at once; more are closed as soon as they are accepted"),
            new Setting("request-timeout-ms", "60000", "60000",
                    "a request must arrive whole within this time of its first byte, and its reply be taken within "
                            + "this time, or its connection (HTTP/2: its stream) is closed (slow clients)"),
            new Setting("streams", "AndersonStream:1,Orders:4,Clicks:on-demand", "",
                    "streams created at start when missing (`NAME:SHARDS` or `NAME:on-demand`, comma-separated); "
                            + "existing ones are left as they are"),
            new Setting("subscription-lifetime-ms", "300000", "300000",
                    "a SubscribeToShard stream ends cleanly after this time, as on Kinesis (5 minutes); the client "
                            + "resubscribes from its continuation number"),
            new Setting("admin-port", "0", "",
                    "port of the admin listener serving `/metrics` (Prometheus), `/health/live`, `/health/ready` and "
                            + "the web console `/console`; unset: none, `0`: a free port"),
            new Setting("admin-host", "127.0.0.1", "127.0.0.1", "address the admin listener binds"),
            new Setting("storage", "local", "local",
                    "`local`: streams in `data-dir`; `kafka`: in a Kafka cluster shared with other Sluice servers "
                            + "(a topic per stream, a partition per shard; see \"Streams on Kafka\")"),
            new Setting("kafka-bootstrap", "127.0.0.1:9092", "", "the Kafka cluster's bootstrap servers (`storage kafka`)"),
            new Setting("kafka-replication-factor", "3", "3", "replicas of every topic Sluice creates in Kafka"),
            new Setting("kafka-topic-prefix", "kinesis-", "kinesis-",
                    "put before a stream's name to make its topic's; the metadata topic is `<prefix>__sluice_catalog`"),
            new Setting("kafka.<client setting>", "kafka.security.protocol=SSL", "",
                    "passed to every Kafka client without the `kafka.` (TLS, SASL: `kafka.security.protocol`, "
                            + "`kafka.ssl.truststore.location`, `kafka.sasl.jaas.config`, ...)"),
            new Setting("faults", "*:internal=0.01;PutRecords:throttle-entry=0.1,latency-ms=20", "",
                    "faults injected to test clients' retries: `ACTION:KIND=VALUE,...` groups joined by `;`, ACTION "
                            + "an action or `*`, KIND `throttle`, `throttle-entry` (PutRecords), `internal` "
                            + "(probabilities) or `latency-ms`; off by default"),
            new Setting("faults-seed", "42", "", "a seed that makes the injected faults repeatable"));

    private ServerSettings() {
    }

    /** The Markdown table of every setting, plus {@code --config}. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder("| flag / property | default | meaning |\n|---|---|---|\n");
        for (Setting s : ALL) {
            out.append("| `--").append(s.name()).append("` | ")
                    .append(s.defaultValue().isEmpty() ? "" : "`" + s.defaultValue() + "`").append(" | ")
                    .append(s.meaning()).append(" |\n");
        }
        out.append("| `--config FILE` | | a properties file with the same names as keys; flags win |\n");
        return out.toString();
    }

    /** The settings as {@code --help} lists them. */
    public static String helpText() {
        StringBuilder out = new StringBuilder("usage: sluice-server [--config FILE] [--<setting> <value>]...\n\n");
        int width = ALL.stream().mapToInt(s -> s.name().length()).max().orElse(0) + 4;
        for (Setting s : ALL) {
            String flag = "--" + s.name();
            out.append("  ").append(flag).append(" ".repeat(width - flag.length()))
                    .append(s.meaning().replace("`", ""));
            if (!s.defaultValue().isEmpty()) {
                out.append(" (default ").append(s.defaultValue()).append(')');
            }
            out.append('\n');
        }
        out.append("  --config FILE").append(" ".repeat(Math.max(1, width - 13)))
                .append("a properties file with the same names as keys; flags win");
        return out.toString();
    }
}

package io.sluice.server.it;

import io.sluice.server.ServerConfig;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** A real server and one client of every {@link KinesisClients} kind pointed at it; closing stops all of them. */
final class ServerWithClients implements AutoCloseable {

    private final ServerRule server;
    private final Map<KinesisClients, KinesisClient> clients = new EnumMap<>(KinesisClients.class);

    ServerWithClients(UnaryOperator<ServerConfig> settings) {
        this(settings, Clock.systemUTC());
    }

    /** A server whose stream engine reads {@code clock}, e.g. a {@link io.sluice.core.testing.MovableClock} to expire iterators. */
    ServerWithClients(UnaryOperator<ServerConfig> settings, Clock clock) {
        server = new ServerRule(settings, clock);
        for (KinesisClients kind : KinesisClients.values()) {
            clients.put(kind, kind.create(server.server().endpoint()));
        }
    }

    KinesisClient client(KinesisClients kind) {
        return clients.get(kind);
    }

    ServerRule server() {
        return server;
    }

    @Override
    public void close() {
        clients.values().forEach(KinesisClient::close);
        server.close();
    }
}

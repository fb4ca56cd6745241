package io.sluice.server.it;

import io.sluice.server.ServerConfig;
import io.sluice.server.testing.SluiceServerExtension;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A real server and one client of every {@link KinesisClients} kind pointed at it, for one test class: register it
 * as a static {@code @RegisterExtension} field; it starts before the class's first test and stops after its last.
 */
final class ServerWithClients implements BeforeAllCallback, AfterAllCallback {

    private final UnaryOperator<ServerConfig> settings;
    private final Clock clock;
    private final Map<KinesisClients, KinesisClient> clients = new EnumMap<>(KinesisClients.class);
    private SluiceServerExtension server;

    ServerWithClients(UnaryOperator<ServerConfig> settings) {
        this(settings, Clock.systemUTC());
    }

    /** A server whose engine reads {@code clock}, e.g. a {@link io.sluice.core.testing.TestClock} to expire iterators. */
    ServerWithClients(UnaryOperator<ServerConfig> settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = SluiceServerExtension.builder().configure(settings).clock(clock).start();
        for (KinesisClients kind : KinesisClients.values()) {
            clients.put(kind, kind.create(server.server().endpoint()));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        clients.values().forEach(KinesisClient::close);
        clients.clear();
        if (server != null) {
            server.close();
        }
    }

    KinesisClient client(KinesisClients kind) {
        return clients.get(kind);
    }

    SluiceServerExtension server() {
        return server;
    }
}

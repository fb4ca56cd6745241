package io.sluice.compat.kpl;

import io.sluice.server.testing.SluiceServerExtension;
import java.io.IOException;
import java.security.GeneralSecurityException;
import software.amazon.kinesis.producer.KinesisProducer;

/** What every KPL test opens against the server: a KPL producer and an SDK client for its streams; closes both. */
final class KplClients implements AutoCloseable {

    private final SluiceStreams streams;
    private final KinesisProducer producer;

    private KplClients(SluiceStreams streams, KinesisProducer producer) {
        this.streams = streams;
        this.producer = producer;
    }

    /** A producer that aggregates or not, and the streams' client, for {@code sluice}. */
    static KplClients open(SluiceServerExtension sluice, boolean aggregate) throws IOException, GeneralSecurityException {
        SluiceStreams streams = new SluiceStreams(sluice);
        try {
            return new KplClients(streams, new KinesisProducer(KplSettings.forSluice(sluice.endpoint(), aggregate)));
        } catch (RuntimeException e) {
            streams.close();
            throw e;
        }
    }

    SluiceStreams streams() {
        return streams;
    }

    KinesisProducer producer() {
        return producer;
    }

    @Override
    public void close() {
        try {
            producer.destroy();
        } finally {
            streams.close();
        }
    }
}

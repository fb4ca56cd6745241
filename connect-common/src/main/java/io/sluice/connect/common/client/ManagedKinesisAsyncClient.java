package io.sluice.connect.common.client;

import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A {@link KinesisAsyncClient} together with what was built for it, like {@link ManagedKinesisClient}. Thread-safe as
 * the client is; close once.
 */
public final class ManagedKinesisAsyncClient implements SdkAutoCloseable {

    private final KinesisAsyncClient client;
    private final List<SdkAutoCloseable> resources;

    ManagedKinesisAsyncClient(KinesisAsyncClient client, List<SdkAutoCloseable> resources) {
        this.client = client;
        this.resources = List.copyOf(resources);
    }

    /** The client; valid until {@link #close()}. */
    public KinesisAsyncClient client() {
        return client;
    }

    @Override
    public void close() {
        ManagedKinesisClient.closeAll(client, resources);
    }
}

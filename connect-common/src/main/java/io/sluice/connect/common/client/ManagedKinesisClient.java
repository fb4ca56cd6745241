package io.sluice.connect.common.client;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A {@link KinesisClient} together with what was built for it and that it does not close itself (the AWS SDK never
 * closes a credentials provider it was given, nor the STS client behind an assume-role provider). Closing this
 * closes all of them, the Kinesis client first. Thread-safe as the client is; close once.
 */
public final class ManagedKinesisClient implements SdkAutoCloseable {

    private final KinesisClient client;
    private final List<SdkAutoCloseable> resources;

    ManagedKinesisClient(KinesisClient client, List<SdkAutoCloseable> resources) {
        this.client = client;
        this.resources = List.copyOf(resources);
    }

    /** The client; valid until {@link #close()}. */
    public KinesisClient client() {
        return client;
    }

    @Override
    public void close() {
        closeAll(client, resources);
    }

    /** Closes {@code client}, then {@code resources} in order; every one is tried, the first failure is thrown. */
    static void closeAll(SdkAutoCloseable client, List<SdkAutoCloseable> resources) {
        List<RuntimeException> failures = new ArrayList<>();
        closeQuietly(client, failures);
        for (SdkAutoCloseable resource : resources) {
            closeQuietly(resource, failures);
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    private static void closeQuietly(SdkAutoCloseable closeable, List<RuntimeException> failures) {
        try {
            closeable.close();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }
}

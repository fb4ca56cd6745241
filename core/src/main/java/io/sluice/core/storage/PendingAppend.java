package io.sluice.core.storage;

import java.io.IOException;

/**
 * An append handed to the storage and not yet known to have landed: a caller sends the records of several shards
 * first and waits for them after, so a storage elsewhere (Kafka) carries them in one round trip.
 */
@FunctionalInterface
public interface PendingAppend {

    /** Waits until the records landed; where they did. */
    Appended await() throws IOException;
}

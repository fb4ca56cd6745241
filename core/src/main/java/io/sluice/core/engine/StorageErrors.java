package io.sluice.core.engine;

import io.sluice.core.error.InternalFailureException;
import io.sluice.core.error.KinesisException;
import io.sluice.core.error.ServiceUnavailableException;
import io.sluice.core.log.AppendFailedException;
import io.sluice.core.log.LogOutOfServiceException;
import java.io.IOException;

/**
 * What a client is told when an append fails for a storage reason, and which Kinesis error carries it:
 * <ul>
 *   <li>a write that failed and left no trace (a full disk): {@code 503 ServiceUnavailableException}, retriable,
 *       since it succeeds once space returns;</li>
 *   <li>a shard out of service after a failed fsync: {@code 500 InternalFailureException} until the server
 *       restarts.</li>
 * </ul>
 * In PutRecords an entry of a shard that cannot be written fails alone, with {@code InternalFailure} and the same
 * message. Every message names the shard, the stream and the cause, and says that reads keep working. (A stream out
 * of service answers through {@link io.sluice.core.stream.LiveStream}, the data directory through
 * {@link StreamRegistry}.) Stateless.
 */
final class StorageErrors {

    private StorageErrors() {
    }

    /**
     * The error for an append to {@code shardId} of {@code stream} that failed with {@code e}, or null when
     * {@code e} is not a storage fault the engine understands (an internal failure then, answered generically).
     */
    static KinesisException ofAppend(IOException e, String shardId, String stream) {
        if (e instanceof AppendFailedException failed) {
            return new ServiceUnavailableException("The shard " + shardId + " of stream " + stream + " cannot be written: "
                    + failed.reason() + ". Nothing of this request was written to it; reads keep working.");
        }
        if (e instanceof LogOutOfServiceException out) {
            return shardOutOfService(shardId, stream, out.reason());
        }
        return null;
    }

    /** A shard whose log is out of service refuses writes and resharding (its end offset is not to be trusted). */
    static InternalFailureException shardOutOfService(String shardId, String stream, String reason) {
        return new InternalFailureException("The shard " + shardId + " of stream " + stream + " is out of service ("
                + reason + "). Records it acknowledged may not all be on disk, so it refuses writes and resharding"
                + " until the server restarts and recovers it from disk; reads keep working.");
    }
}

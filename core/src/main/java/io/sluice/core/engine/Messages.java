package io.sluice.core.engine;

/** Error texts shared by several engine classes, in AWS's wording. Stateless. */
public final class Messages {

    private Messages() {
    }

    public static String streamNotFound(String stream, String account) {
        return "Stream " + stream + " under account " + account + " not found.";
    }

    public static String streamNotActive(String stream, String account, Object status) {
        return "Stream " + stream + " under account " + account + " not ACTIVE, instead in state " + status;
    }

    public static String shardNotFound(String shardId, String stream, String account) {
        return "Could not find shard " + shardId + " in stream " + stream + " under account " + account + ".";
    }

    public static String shardDoesNotExist(String shardId, String stream, String account) {
        return "Shard " + shardId + " in stream " + stream + " under account " + account + " does not exist";
    }

    public static String rateExceeded(String shardId, String stream, String account) {
        return "Rate exceeded for shard " + shardId + " in stream " + stream + " under account " + account + ".";
    }

    /** Why an append to a shard failed, for the client: the shard, the cause, what was kept, what to do. */
    public static String cannotWrite(String shardId, String stream, java.io.IOException cause) {
        if (cause instanceof io.sluice.core.log.LogOutOfServiceException) {
            return "The shard " + shardId + " of stream " + stream + " is out of service for writes: an fsync of its "
                    + "log failed (" + cause.getCause().getMessage() + "), so data not yet on disk may be lost. Reads "
                    + "keep working; restart the server to recover the shard from what is on disk.";
        }
        return "The shard " + shardId + " of stream " + stream + " could not be written (" + cause.getMessage()
                + "); nothing of this request was written to it, and reads keep working.";
    }
}

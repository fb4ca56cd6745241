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
}

package io.sluice.server.auth;

/** One access key pair and the user it belongs to. */
public record Credentials(String accessKeyId, String secretAccessKey, String userName) {

    @Override
    public String toString() {
        return "Credentials[accessKeyId=" + accessKeyId + ", userName=" + userName + "]"; // never print the secret
    }
}

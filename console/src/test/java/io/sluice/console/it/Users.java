package io.sluice.console.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The users of the console's {@code --auth sigv4} tests: an admin who may do everything, and a reader who may only
 * describe and read the stream {@code Visible} — so what each sees and may do through the console shows the Kinesis
 * port's policies at work.
 */
final class Users {

    static final String ADMIN_KEY = "AKIACONSOLEADMIN0001";
    static final String ADMIN_SECRET = "admin-secret-for-the-console-tests";
    static final String READER_KEY = "AKIACONSOLEREADER001";
    static final String READER_SECRET = "reader-secret-for-the-console-tests";

    private Users() {
    }

    /** Writes the users file ({@code --auth-config}) to a new temporary file. */
    static Path file() {
        try {
            Path file = Files.createTempFile("console-users-", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, """
                    {"users": [
                      {"name": "admin", "accessKeyId": "%s", "secretAccessKey": "%s",
                       "policies": [{"Version": "2012-10-17", "Statement": [
                         {"Effect": "Allow", "Action": "kinesis:*", "Resource": "*"}]}]},
                      {"name": "reader", "accessKeyId": "%s", "secretAccessKey": "%s",
                       "policies": [{"Version": "2012-10-17", "Statement": [
                         {"Effect": "Allow", "Action": ["kinesis:DescribeStreamSummary", "kinesis:GetRecords"],
                          "Resource": "arn:aws:kinesis:us-east-1:000000000000:stream/Visible"}]}]}
                    ]}
                    """.formatted(ADMIN_KEY, ADMIN_SECRET, READER_KEY, READER_SECRET));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

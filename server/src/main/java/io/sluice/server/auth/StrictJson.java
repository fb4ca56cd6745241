package io.sluice.server.auth;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads policies and the auth config: a key given twice is an error (not "the last one wins", where a reader of
 * the file sees one value and the server enforces the other), and so is anything after the document. Stateless.
 */
final class StrictJson {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private StrictJson() {
    }

    /** @throws IllegalArgumentException saying what is wrong and where: "Duplicate field 'Effect' (line 1, column 40)" */
    static JsonNode read(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            JsonNode root = JSON.readTree(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("more text after the end of the document" + at(parser.currentTokenLocation()));
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage() + at(e.getLocation()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String source does not fail to read
        }
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}

package io.sluice.pump.compile;

import io.sluice.pump.type.SqlType;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;

/**
 * The source stream's metadata columns and the record headers they are read from. The Sluice source connector
 * sets these headers on every record it produces; with other connectors the columns are NULL.
 *
 * <pre>
 *   column                     header key                          header value
 *   PARTITION_KEY              kinesis.partition.key               string
 *   SEQUENCE_NUMBER            kinesis.sequence.number             string
 *   SHARD_ID                   kinesis.shard.id                    string
 *   APPROXIMATE_ARRIVAL_TIME   kinesis.approximate.arrival.time    epoch ms (long, or a numeric/ISO string)
 *   ROWTIME                    (the record's timestamp)
 * </pre>
 */
public final class Metadata {

    public static final String PARTITION_KEY_HEADER = "kinesis.partition.key";
    public static final String SEQUENCE_NUMBER_HEADER = "kinesis.sequence.number";
    public static final String SHARD_ID_HEADER = "kinesis.shard.id";
    public static final String APPROXIMATE_ARRIVAL_TIME_HEADER = "kinesis.approximate.arrival.time";

    public static final String ROWTIME = "ROWTIME";

    /** Metadata column name → header key. */
    public static final Map<String, String> COLUMNS = Map.of(
            "PARTITION_KEY", PARTITION_KEY_HEADER,
            "SEQUENCE_NUMBER", SEQUENCE_NUMBER_HEADER,
            "SHARD_ID", SHARD_ID_HEADER,
            "APPROXIMATE_ARRIVAL_TIME", APPROXIMATE_ARRIVAL_TIME_HEADER);

    private Metadata() {
    }

    static SqlType typeOf(String column) {
        return column.equals("APPROXIMATE_ARRIVAL_TIME") ? SqlType.TIMESTAMP : SqlType.varchar(256);
    }

    static Term term(String column) {
        String key = COLUMNS.get(column);
        boolean time = column.equals("APPROXIMATE_ARRIVAL_TIME");
        return row -> {
            Headers headers = row.headers();
            if (headers == null) {
                return null;
            }
            Header h = headers.lastWithName(key);
            if (h == null || h.value() == null) {
                return null;
            }
            Object v = h.value();
            if (v instanceof byte[]) {
                v = new String((byte[]) v, StandardCharsets.UTF_8);
            }
            if (!time) {
                return v.toString();
            }
            if (v instanceof Date date) {
                return date.getTime();
            }
            if (v instanceof Number numberValue) {
                return numberValue.longValue();
            }
            String s = v.toString().trim();
            if (s.matches("-?\\d+")) {
                return Long.parseLong(s);
            }
            return Conversions.parseTimestamp(s, SqlType.TIMESTAMP);
        };
    }
}

package io.sluice.connect.common.kpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connect.common.kpl.ProtobufWire.MalformedException;
import io.sluice.connect.common.kpl.ProtobufWire.Reader;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ProtobufWireTest {

    private static final HexFormat HEX = HexFormat.of();

    private static String varint(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProtobufWire.writeVarint(out, value);
        return HEX.formatHex(out.toByteArray());
    }

    @Test
    void writesVarintsAsProtobufSpecifiesThem() {
        assertThat(varint(0)).isEqualTo("00");
        assertThat(varint(1)).isEqualTo("01");
        assertThat(varint(127)).isEqualTo("7f");
        assertThat(varint(128)).isEqualTo("8001");
        assertThat(varint(150)).as("the protobuf documentation's example").isEqualTo("9601");
        assertThat(varint(300)).isEqualTo("ac02");
        assertThat(varint(-1L)).as("uint64 max").isEqualTo("ffffffffffffffffff01");
    }

    @Test
    void varintSizeMatchesWhatIsWritten() {
        for (long v : new long[] {0, 127, 128, 16_383, 16_384, 1L << 35, Long.MAX_VALUE, -1L}) {
            assertThat(ProtobufWire.varintSize(v)).as("size of %s", Long.toUnsignedString(v))
                    .isEqualTo(varint(v).length() / 2);
        }
    }

    @Test
    void readsBackWhatItWrites() throws MalformedException {
        for (long v : new long[] {0, 1, 300, 1L << 40, Long.MAX_VALUE, -1L}) {
            byte[] bytes = HEX.parseHex(varint(v));
            assertThat(new Reader(bytes, 0, bytes.length).readVarint()).isEqualTo(v);
        }
    }

    @Test
    void rejectsTruncatedAndOverlongVarints() {
        byte[] truncated = HEX.parseHex("ac");
        assertThatThrownBy(() -> new Reader(truncated, 0, 1).readVarint()).isInstanceOf(MalformedException.class)
                .hasMessage("truncated varint");
        byte[] elevenBytes = HEX.parseHex("ffffffffffffffffffff01");
        assertThatThrownBy(() -> new Reader(elevenBytes, 0, elevenBytes.length).readVarint())
                .isInstanceOf(MalformedException.class).hasMessage("varint longer than 64 bits");
    }

    @Test
    void rejectsALengthRunningPastTheEnd() {
        byte[] bytes = HEX.parseHex("0561");
        assertThatThrownBy(() -> new Reader(bytes, 0, bytes.length).readLengthDelimited())
                .isInstanceOf(MalformedException.class).hasMessage("length 5 runs past the end");
    }
}

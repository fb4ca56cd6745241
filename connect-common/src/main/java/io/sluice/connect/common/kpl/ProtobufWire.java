package io.sluice.connect.common.kpl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The few pieces of the protobuf wire format the KPL aggregation format needs: base-128 varints (up to uint64),
 * tags ({@code field_number << 3 | wire_type}) and length-delimited fields. Written by hand so the connectors carry
 * no protobuf dependency.
 *
 * <p>Not thread-safe: a {@link Reader} belongs to one thread; the static helpers are pure.
 */
final class ProtobufWire {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private ProtobufWire() {
    }

    /** Bytes a varint of {@code value} (read as unsigned 64-bit) takes: 1 to 10. */
    static int varintSize(long value) {
        int size = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    /** Bytes a length-delimited field with a one-byte tag and {@code length} payload bytes takes. */
    static int lengthDelimitedFieldSize(int length) {
        return 1 + varintSize(length) + length;
    }

    static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    static void writeTag(ByteArrayOutputStream out, int field, int wireType) {
        writeVarint(out, ((long) field << 3) | wireType);
    }

    static void writeBytesField(ByteArrayOutputStream out, int field, byte[] bytes) {
        writeTag(out, field, LENGTH_DELIMITED);
        writeVarint(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    static void writeStringField(ByteArrayOutputStream out, int field, String value) {
        writeBytesField(out, field, value.getBytes(StandardCharsets.UTF_8));
    }

    static void writeVarintField(ByteArrayOutputStream out, int field, long value) {
        writeTag(out, field, VARINT);
        writeVarint(out, value);
    }

    /** Malformed protobuf input: truncated, an over-long varint, a bad wire type, a missing required field. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    /** Reads fields from {@code bytes[from, to)}. */
    static final class Reader {
        private final byte[] bytes;
        private int pos;
        private final int end;

        Reader(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.pos = from;
            this.end = to;
        }

        boolean hasMore() {
            return pos < end;
        }

        long readVarint() throws MalformedException {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new MalformedException("truncated varint");
                }
                byte b = bytes[pos++];
                if (shift == 63 && (b & 0xFE) != 0) {
                    throw new MalformedException("varint longer than 64 bits");
                }
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new MalformedException("varint longer than 10 bytes");
        }

        /** Reads a tag; returns {@code field << 3 | wireType}. */
        int readTag() throws MalformedException {
            long tag = readVarint();
            if (tag >>> 3 == 0 || tag > Integer.MAX_VALUE) {
                throw new MalformedException("invalid tag " + Long.toUnsignedString(tag));
            }
            return (int) tag;
        }

        /** Reads a length prefix and returns a reader over the payload, advancing past it. */
        Reader readLengthDelimited() throws MalformedException {
            long length = readVarint();
            if (length < 0 || length > end - pos) {
                throw new MalformedException("length " + Long.toUnsignedString(length) + " runs past the end");
            }
            Reader sub = new Reader(bytes, pos, pos + (int) length);
            pos += (int) length;
            return sub;
        }

        byte[] readBytes() throws MalformedException {
            return readLengthDelimited().remaining();
        }

        String readString() throws MalformedException {
            return new String(readBytes(), StandardCharsets.UTF_8);
        }

        byte[] remaining() {
            byte[] copy = new byte[end - pos];
            System.arraycopy(bytes, pos, copy, 0, copy.length);
            pos = end;
            return copy;
        }

        void skip(int wireType) throws MalformedException {
            switch (wireType) {
                case VARINT -> readVarint();
                case FIXED64 -> advance(8);
                case LENGTH_DELIMITED -> readLengthDelimited();
                case FIXED32 -> advance(4);
                default -> throw new MalformedException("unsupported wire type " + wireType);
            }
        }

        private void advance(int n) throws MalformedException {
            if (end - pos < n) {
                throw new MalformedException("truncated fixed-width field");
            }
            pos += n;
        }
    }
}

package io.sluice.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.core.testing.Seeded;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashKeyTest {

    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    /** What the parser must agree with: the BigInteger reading of 1..39 decimal digits within 128 bits. */
    private static BigInteger reference(String text) {
        if (text.isEmpty() || text.length() > 39 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        BigInteger v = new BigInteger(text);
        return v.compareTo(MAX) <= 0 ? v : null;
    }

    @Test
    void parseDecimalAgreesWithBigIntegerOnEdgesAndRandomDigits() {
        List<String> edges = List.of("0", "1", "9", "000", "18446744073709551615", "18446744073709551616",
                "9223372036854775807", "9223372036854775808", "340282366920938463463374607431768211455",
                "340282366920938463463374607431768211456", "340282366920938463463374607431768211460",
                "999999999999999999999999999999999999999", "0340282366920938463463374607431768211455",
                "034028236692093846346337460743176821145", "", "-1", "+1", "1 ", "12a", "１",
                "36893488147419103231", "184467440737095516150", "1844674407370955161599999999999999999");
        Seeded.forAll(edges, 20_000, 42, random -> {
            StringBuilder digits = new StringBuilder();
            int length = 1 + random.nextInt(40);
            for (int i = 0; i < length; i++) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            return random.nextInt(4) == 0 ? new BigInteger(128, random).toString() : digits.toString();
        }, text -> {
            HashKey parsed = HashKey.parseDecimal(text);
            BigInteger expected = reference(text);
            assertThat(parsed == null ? null : parsed.toBigInteger()).as("parse of '%s'", text).isEqualTo(expected);
        });
        assertThat(HashKey.parseDecimal(null)).isNull();
    }

    @Test
    void convertsToAndFromBigIntegerAndOrdersUnsigned() {
        Seeded.forAll(List.of(BigInteger.ZERO, MAX, BigInteger.ONE.shiftLeft(63), BigInteger.ONE.shiftLeft(64),
                BigInteger.ONE.shiftLeft(127), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)), 2_000, 7,
                random -> new BigInteger(random.nextInt(129), random), key -> {
                    assertThat(HashKey.of(key).toBigInteger()).isEqualTo(key);
                    assertThat(HashKey.of(key).toString()).isEqualTo(key.toString());
                });
        Seeded.forAll(List.of(List.of(BigInteger.ZERO, MAX), List.of(BigInteger.ONE.shiftLeft(63), BigInteger.ONE)), 2_000, 8,
                random -> List.of(new BigInteger(random.nextInt(129), random), new BigInteger(random.nextInt(129), random)),
                pair -> assertThat(Integer.signum(HashKey.of(pair.get(0)).compareTo(HashKey.of(pair.get(1)))))
                        .as("order of %s", pair).isEqualTo(pair.get(0).compareTo(pair.get(1))));
        assertThatThrownBy(() -> HashKey.of(MAX.add(BigInteger.ONE))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HashKey.of(BigInteger.ONE.negate())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyOfIsTheMd5OfTheUtf8PartitionKey() throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        for (String key : List.of("a", "partitionkey", "pk-0-00001", "ключ", "\uD83D\uDE00", "x".repeat(256))) {
            BigInteger expected = new BigInteger(1, md5.digest(key.getBytes(StandardCharsets.UTF_8)));
            assertThat(HashKeys.keyOf(key).toBigInteger()).as("key %s", key).isEqualTo(expected);
            assertThat(HashKeys.keyOf(key)).as("same key twice (the digest is reused)").isEqualTo(HashKeys.keyOf(key));
        }
    }
}

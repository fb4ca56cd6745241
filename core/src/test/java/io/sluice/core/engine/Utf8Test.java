package io.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.testing.Seeded;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void lengthEqualsTheEncodedLengthIncludingUnpairedSurrogates() {
        List<String> edges = List.of("", "a", "é", "€", "\uD83D\uDE00", "\uD83D", "\uDE00", "\uDE00\uD83D", "a\uD83D",
                "\uD83D\uD83D\uDE00", "\u007f\u0080\u07ff\u0800\uffff", "pk-0-00001");
        Seeded.forAll(edges, 20_000, 3, random -> {
            char[] chars = new char[random.nextInt(20)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = switch (random.nextInt(4)) {
                    case 0 -> (char) random.nextInt(0x80);
                    case 1 -> (char) random.nextInt(0x800);
                    case 2 -> (char) (0xD800 + random.nextInt(0x800)); // surrogates, paired or not
                    default -> (char) random.nextInt(0x10000);
                };
            }
            return new String(chars);
        }, s -> assertThat(Utf8.length(s)).as("length of %s", s.chars().boxed().toList())
                .isEqualTo(s.getBytes(StandardCharsets.UTF_8).length));
    }
}

package io.sluice.connect.common.config;

import java.util.Locale;

/**
 * An enum constant that is a value of a setting. Its spelling in the configuration is its name in lower case with
 * dashes ({@code ASSUME_ROLE} is {@code assume-role}) unless the enum says otherwise, as {@code TRIM_HORIZON} keeps
 * the spelling Kinesis gives it. {@link Choice} validates, recommends and parses the spellings of one enum.
 */
public interface ConfigChoice {

    /** The constant's name; every enum has it. */
    String name();

    /** The spelling in the configuration. */
    default String configValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

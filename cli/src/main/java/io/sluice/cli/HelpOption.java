package io.sluice.cli;

import picocli.CommandLine.Option;

/** {@code -h}, {@code --help} on every command. */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;
}

package io.github.ecsexecreadiness.cli;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help} of a subcommand (only the top-level command shows {@code --version}). */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;
}

package io.github.ecsexecreadiness.cli;

/** {@code --output table|json} of the commands that print a report. */
final class Outputs {
    private Outputs() {}

    static boolean json(String output) {
        return switch (output) {
            case "table" -> false;
            case "json" -> true;
            default -> throw new UsageException("--output must be table or json, not " + output);
        };
    }
}

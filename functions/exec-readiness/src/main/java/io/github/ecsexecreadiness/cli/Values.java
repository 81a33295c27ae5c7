package io.github.ecsexecreadiness.cli;

/** Checks of single option values that picocli leaves to the command. */
final class Values {
    private Values() {}

    /** Null stays null (the option was not given); a blank value is a value missing. */
    static String required(String value, String option) {
        if (value != null && value.isBlank()) {
            throw new UsageException(option + " needs a value");
        }
        return value;
    }
}

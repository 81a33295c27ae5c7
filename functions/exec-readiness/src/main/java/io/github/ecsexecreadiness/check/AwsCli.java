package io.github.ecsexecreadiness.check;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One AWS CLI command line that a person can paste into a POSIX shell (bash, zsh): every value is quoted where
 * the shell would otherwise change it, so that names read from the account (a log group {@code #audit}, an S3
 * prefix with a blank) reach the CLI as they are.
 */
public final class AwsCli {
    /** Characters no POSIX shell treats specially inside a word. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private final StringBuilder line;

    private AwsCli(String service, String operation) {
        this.line = new StringBuilder("aws ").append(service).append(' ').append(operation);
    }

    /** {@code aws <service> <operation>}, e.g. {@code command("ecs", "update-service")}. */
    public static AwsCli command(String service, String operation) {
        return new AwsCli(service, operation);
    }

    /** {@code --name value}, the value quoted when needed. */
    public AwsCli option(String name, String value) {
        line.append(' ').append(name).append(' ').append(quote(value));
        return this;
    }

    /** {@code --name a b c}: a list option, each value quoted when needed. */
    public AwsCli option(String name, List<String> values) {
        line.append(' ').append(name);
        values.forEach(value -> line.append(' ').append(quote(value)));
        return this;
    }

    /** {@code --name "$VARIABLE"}: a value an earlier command of the same advice captured. */
    public AwsCli variable(String name, String variable) {
        line.append(' ').append(name).append(" \"$").append(variable).append('"');
        return this;
    }

    /** {@code --name}: a switch without value. */
    public AwsCli flag(String name) {
        line.append(' ').append(name);
        return this;
    }

    /** The command line. */
    @Override
    public String toString() {
        return line.toString();
    }

    /** {@code VARIABLE=$(<command> --query <query> --output text)}: keeps one value of the answer for later. */
    public String assignedTo(String variable, String query) {
        return variable + "=$(" + line + " --query " + quote(query) + " --output text)";
    }

    /** The value as one shell word: as it is when plain, else in single quotes (a quote inside as {@code '\''}). */
    public static String quote(String value) {
        if (PLAIN.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}

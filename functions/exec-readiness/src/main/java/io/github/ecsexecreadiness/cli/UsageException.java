package io.github.ecsexecreadiness.cli;

/** Bad command-line arguments: reported in one line, exit code 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}

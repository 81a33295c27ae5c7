package io.github.ecsexecreadiness.handler;

/** The event is not one the handler can act on: logged with the reason, and never retried. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }
}

package io.github.ecsexecreadiness.collect;

/** Thrown when a check asks for data the collector could not read; the engine turns it into UNKNOWN. */
public class Unreadable extends RuntimeException {
    public Unreadable(String reason) {
        super(reason, null, false, false);
    }
}

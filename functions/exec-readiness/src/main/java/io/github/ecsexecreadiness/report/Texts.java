package io.github.ecsexecreadiness.report;

/** Text cut to an AWS field limit, visibly: Config annotations and Security Hub finding fields. */
public final class Texts {
    /** Ends a text that was cut, so a reader knows there was more. */
    public static final String CUT = " [truncated]";

    private Texts() {}

    /** {@code text} when it fits in {@code max} characters, else its start and {@link #CUT}, {@code max} long. */
    public static String fit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - CUT.length()) + CUT;
    }
}

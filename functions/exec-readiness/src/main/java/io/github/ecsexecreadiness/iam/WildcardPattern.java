package io.github.ecsexecreadiness.iam;

import java.util.Arrays;
import java.util.Locale;

/**
 * An IAM action or resource pattern: {@code *} matches any run of characters, {@code ?} any one character.
 * In resources, a {@code *} inside an ARN segment stays within it (it does not match {@code :}), while a
 * {@code *} that ends a segment may run across colons, as IAM documents. A policy variable such as
 * {@code ${aws:username}} stands for a value only known at request time: it matches like {@code *} and marks
 * the pattern as variable, so that a match through it is only a possible match. {@code ${*}}, {@code ${?}} and
 * {@code ${$}} are the literal characters.
 */
final class WildcardPattern {
    private static final int ANY = -1;
    private static final int ANY_IN_SEGMENT = -2;
    private static final int ONE = -3;

    private final int[] tokens;
    private final boolean variable;
    private final boolean segmented;

    private WildcardPattern(int[] tokens, boolean variable) {
        this.tokens = tokens;
        this.variable = variable;
        this.segmented = Arrays.stream(tokens).anyMatch(token -> token == ANY_IN_SEGMENT);
    }

    /** An action pattern: IAM compares actions case-insensitively, so callers match lower-cased actions. */
    static WildcardPattern action(String pattern) {
        String lower = pattern.toLowerCase(Locale.ROOT);
        int[] tokens = new int[lower.length()];
        for (int i = 0; i < lower.length(); i++) {
            tokens[i] = wildcard(lower.charAt(i), ANY);
        }
        return new WildcardPattern(tokens, false);
    }

    /**
     * A resource pattern, case-sensitive. {@code variables} is false for documents without
     * {@code "Version": "2012-10-17"}, where IAM reads {@code ${...}} literally.
     */
    static WildcardPattern resource(String pattern, boolean variables) {
        int[] tokens = new int[pattern.length()];
        int n = 0;
        boolean variable = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            int end = variables && pattern.startsWith("${", i) ? pattern.indexOf('}', i + 2) : -1;
            if (end > 0) {
                String name = pattern.substring(i + 2, end);
                switch (name) {
                    case "*", "?", "$" -> tokens[n++] = name.charAt(0);
                    default -> {
                        tokens[n++] = ANY;
                        variable = true;
                    }
                }
                i = end;
            } else {
                boolean endsSegment = i + 1 == pattern.length() || pattern.charAt(i + 1) == ':';
                tokens[n++] = wildcard(c, endsSegment ? ANY : ANY_IN_SEGMENT);
            }
        }
        return new WildcardPattern(Arrays.copyOf(tokens, n), variable);
    }

    private static int wildcard(char c, int star) {
        return c == '*' ? star : c == '?' ? ONE : c;
    }

    /** True if some value of the pattern's variables (if any) makes it match. */
    boolean matches(String value) {
        return segmented ? matchesBySegments(value) : matchesGreedily(value);
    }

    /** Linear in practice: on a mismatch only the last {@code *} takes one more character. */
    private boolean matchesGreedily(String value) {
        int t = 0;
        int v = 0;
        int starToken = -1;
        int starValue = 0;
        while (v < value.length()) {
            if (t < tokens.length && (tokens[t] == ONE || tokens[t] == value.charAt(v))) {
                t++;
                v++;
            } else if (t < tokens.length && tokens[t] == ANY) {
                starToken = t++;
                starValue = v;
            } else if (starToken >= 0) {
                t = starToken + 1;
                v = ++starValue;
            } else {
                return false;
            }
        }
        while (t < tokens.length && tokens[t] == ANY) {
            t++;
        }
        return t == tokens.length;
    }

    /** Dynamic programming, since two kinds of {@code *} defeat the greedy walk. */
    private boolean matchesBySegments(String value) {
        // matched[i]: the tokens seen so far match the first i characters of value
        boolean[] matched = new boolean[value.length() + 1];
        matched[0] = true;
        for (int token : tokens) {
            boolean[] next = new boolean[value.length() + 1];
            if (token == ANY || token == ANY_IN_SEGMENT) {
                next[0] = matched[0];
                for (int i = 1; i <= value.length(); i++) {
                    next[i] = matched[i] || next[i - 1] && (token == ANY || value.charAt(i - 1) != ':');
                }
            } else {
                for (int i = 1; i <= value.length(); i++) {
                    next[i] = matched[i - 1] && (token == ONE || token == value.charAt(i - 1));
                }
            }
            matched = next;
        }
        return matched[value.length()];
    }

    boolean variable() {
        return variable;
    }
}

package io.atolldb.chaos.history;

/**
 * What a client learned about one operation. Only {@link #FAILED} proves the operation had no effect;
 * an {@link #UNKNOWN} operation (timeout, 5xx, broken connection) may take effect at any time after it
 * was invoked, or never.
 */
public enum Outcome {
    /** The database answered with a result: the operation took effect exactly as answered. */
    OK,
    /** The database refused the request before acting on it (a 4xx other than a failed condition). */
    FAILED,
    /** No definite answer: the operation may or may not have taken effect. */
    UNKNOWN
}

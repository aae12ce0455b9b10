package io.atolldb.model;

/**
 * The half-open range of tokens [start, end) a partition owns. Tokens are unsigned 64-bit values
 * held in a long; {@code end == 0} stands for 2^64, the end of the ring, so [0, 0) is the whole ring.
 */
public record TokenRange(long start, long end) {
    public static final TokenRange WHOLE_RING = new TokenRange(0, 0);

    public TokenRange {
        if (end != 0 && Long.compareUnsigned(start, end) >= 0) {
            throw new IllegalArgumentException("empty token range [" + Long.toUnsignedString(start)
                    + ", " + Long.toUnsignedString(end) + ")");
        }
    }

    public boolean contains(long token) {
        return Long.compareUnsigned(token, start) >= 0 && (end == 0 || Long.compareUnsigned(token, end) < 0);
    }

    /** True when {@code token} can split this range: it lies inside and is not the start, so both halves are non-empty. */
    public boolean canSplitAt(long token) {
        return contains(token) && token != start;
    }

    /** The part before {@code token}: [start, token). */
    public TokenRange before(long token) {
        requireSplitPoint(token);
        return new TokenRange(start, token);
    }

    /** The part from {@code token} on: [token, end). */
    public TokenRange from(long token) {
        requireSplitPoint(token);
        return new TokenRange(token, end);
    }

    private void requireSplitPoint(long token) {
        if (!canSplitAt(token)) {
            throw new IllegalArgumentException("token " + Long.toUnsignedString(token) + " does not split " + this);
        }
    }

    /** True when the two ranges share a token. */
    public boolean overlaps(TokenRange other) {
        return contains(other.start) || other.contains(start);
    }

    /** True when this range runs to the end of the ring. */
    public boolean toEndOfRing() {
        return end == 0;
    }

    /**
     * Splits the whole ring into {@code count} contiguous ranges of (nearly) equal size, in token
     * order: the initial partitions of a new table.
     */
    public static java.util.List<TokenRange> evenSplit(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        var ranges = new java.util.ArrayList<TokenRange>(count);
        var ring = java.math.BigInteger.ONE.shiftLeft(64);
        long previous = 0;
        for (int i = 1; i <= count; i++) {
            long boundary = i == count ? 0 : ring.multiply(java.math.BigInteger.valueOf(i))
                    .divide(java.math.BigInteger.valueOf(count)).longValue();
            ranges.add(new TokenRange(previous, boundary));
            previous = boundary;
        }
        return ranges;
    }

    @Override
    public String toString() {
        return "[" + Long.toUnsignedString(start) + ", " + (end == 0 ? "2^64" : Long.toUnsignedString(end)) + ")";
    }
}

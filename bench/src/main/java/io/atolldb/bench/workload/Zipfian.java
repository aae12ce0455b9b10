package io.atolldb.bench.workload;

import java.util.SplittableRandom;

/**
 * Zipfian ranks 0 .. n-1 (rank 0 the most popular) by the constant-time method of Gray et al.,
 * "Quickly Generating Billion-Record Synthetic Databases" (SIGMOD 1994), the one YCSB uses: after
 * computing zeta(n) once, each draw is one uniform number and one power.
 */
public final class Zipfian {
    /** YCSB's default skew. */
    public static final double THETA = 0.99;

    private final long n;
    private final double theta;
    private final double zetaN;
    private final double alpha;
    private final double eta;
    private final double halfPowTheta;

    public Zipfian(long n) {
        this(n, THETA);
    }

    public Zipfian(long n, double theta) {
        if (n < 1) {
            throw new IllegalArgumentException("zipfian needs at least one item, got " + n);
        }
        this.n = n;
        this.theta = theta;
        this.zetaN = zeta(n, theta);
        this.alpha = 1.0 / (1.0 - theta);
        double zeta2 = zeta(2, theta);
        this.eta = (1 - Math.pow(2.0 / n, 1 - theta)) / (1 - zeta2 / zetaN);
        this.halfPowTheta = Math.pow(0.5, theta);
    }

    /** The generalised harmonic number: sum over i = 1..n of 1 / i^theta. */
    static double zeta(long n, double theta) {
        double sum = 0;
        for (long i = 1; i <= n; i++) {
            sum += 1.0 / Math.pow(i, theta);
        }
        return sum;
    }

    /** A rank in [0, n): 0 with probability 1/zeta(n), rank r with probability proportional to 1/(r+1)^theta. */
    public long next(SplittableRandom random) {
        double u = random.nextDouble();
        double uz = u * zetaN;
        if (uz < 1.0) {
            return 0;
        }
        if (uz < 1.0 + halfPowTheta) {
            return 1;
        }
        long rank = (long) (n * Math.pow(eta * u - eta + 1, alpha));
        return Math.min(rank, n - 1);
    }

    public long items() {
        return n;
    }

    public double theta() {
        return theta;
    }
}

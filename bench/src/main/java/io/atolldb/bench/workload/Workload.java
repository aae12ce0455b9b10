package io.atolldb.bench.workload;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The YCSB core workloads this tool runs, by the operation mix each one issues. Updates replace one
 * field of an existing item; F reads an item and writes it back only if its version is unchanged
 * (a conditional UpdateItem); W is write-only (PutItem over the loaded keys).
 */
public enum Workload {
    /** Update heavy: 50% reads, 50% updates. */
    A(0.5, 0.5, 0, 0),
    /** Read mostly: 95% reads, 5% updates. */
    B(0.95, 0.05, 0, 0),
    /** Read only. */
    C(1.0, 0, 0, 0),
    /** 50% reads, 50% read-modify-writes. */
    F(0.5, 0, 0, 0.5),
    /** Write only: every operation is a PutItem of a whole item. */
    W(0, 0, 1.0, 0);

    private final double read;
    private final double update;
    private final double put;
    private final double readModifyWrite;

    Workload(double read, double update, double put, double readModifyWrite) {
        this.read = read;
        this.update = update;
        this.put = put;
        this.readModifyWrite = readModifyWrite;
    }

    /** Picks the next operation with this workload's proportions. */
    public OpKind next(SplittableRandom random) {
        double u = random.nextDouble();
        if (u < read) {
            return OpKind.READ;
        }
        u -= read;
        if (u < update) {
            return OpKind.UPDATE;
        }
        u -= update;
        if (u < put) {
            return OpKind.PUT;
        }
        return readModifyWrite > 0 ? OpKind.READ_MODIFY_WRITE : OpKind.READ;
    }

    public double share(OpKind kind) {
        return switch (kind) {
            case READ -> read;
            case UPDATE -> update;
            case PUT -> put;
            case READ_MODIFY_WRITE -> readModifyWrite;
        };
    }

    public static Workload parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}

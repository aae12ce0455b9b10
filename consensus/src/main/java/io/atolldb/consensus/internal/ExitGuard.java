package io.atolldb.consensus.internal;

import org.apache.ratis.util.ExitUtils;

/**
 * Keeps Ratis from ending the process. Ratis 3.2.2 calls {@code System.exit(1)} when its gRPC
 * server cannot bind its port ({@code GrpcServicesImpl.startImpl}); with exit disabled it throws
 * {@link ExitUtils.ExitException} instead, which {@code ConsensusServer.start} reports as an
 * {@link java.io.IOException}. Disabling also initialises Ratis' exit state, which replaces the
 * JVM's default uncaught-exception handler; the previous handler is put back.
 */
public final class ExitGuard {
    private ExitGuard() {
    }

    /** Idempotent and cheap; call before starting a Ratis server. */
    public static synchronized void install() {
        final Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        ExitUtils.disableSystemExit();
        Thread.setDefaultUncaughtExceptionHandler(previous);
    }

    /** True when {@code error} is Ratis asking to end the process. */
    public static boolean isExitRequest(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ExitUtils.ExitException) {
                return true;
            }
        }
        return false;
    }
}

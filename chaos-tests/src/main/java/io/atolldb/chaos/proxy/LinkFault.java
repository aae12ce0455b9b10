package io.atolldb.chaos.proxy;

import java.time.Duration;

/**
 * What the proxy does to the bytes of one directed link. A link without a fault passes everything at
 * once.
 */
public sealed interface LinkFault {
    /** Bytes flow at once: the healthy link. */
    record Pass() implements LinkFault {
    }

    /**
     * A blackhole: connections are accepted but nothing is delivered while the fault lasts. Bytes are
     * held, not discarded, as TCP would retransmit them: when the link heals they arrive late, in order.
     */
    record Drop() implements LinkFault {
    }

    /**
     * Every connection carrying this link is reset (RST) when the fault is set, and new ones are reset
     * right after they are accepted, as if the peer refused them.
     */
    record Reset() implements LinkFault {
    }

    /** Every chunk of bytes is delivered {@code latency} after the proxy read it. */
    record Delay(Duration latency) implements LinkFault {
        public Delay {
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative");
            }
        }
    }

    /** Bytes are delivered at no more than {@code bytesPerSecond}. */
    record Throttle(long bytesPerSecond) implements LinkFault {
        public Throttle {
            if (bytesPerSecond <= 0) {
                throw new IllegalArgumentException("bytesPerSecond must be positive");
            }
        }
    }

    LinkFault PASS = new Pass();
    LinkFault DROP = new Drop();
    LinkFault RESET = new Reset();
}

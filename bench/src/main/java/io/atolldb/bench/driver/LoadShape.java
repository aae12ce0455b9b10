package io.atolldb.bench.driver;

/**
 * How requests are offered: closed loop (a fixed number of clients, each sending its next request when
 * the previous one answered) or open loop (a fixed rate, whatever the target does).
 *
 * @param clients closed loop: concurrent requests; open loop: the most requests in flight (a request
 *                due while all are in flight waits, and that wait counts in its latency)
 * @param rate    requests per second for the open loop; 0 for the closed loop
 */
public record LoadShape(int clients, double rate) {
    public LoadShape {
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be at least 1, got " + clients);
        }
        if (rate < 0) {
            throw new IllegalArgumentException("rate must not be negative, got " + rate);
        }
    }

    public boolean openLoop() {
        return rate > 0;
    }

    public String describe() {
        return openLoop() ? String.format("open loop, %.0f ops/s, at most %d in flight", rate, clients)
                : "closed loop, " + clients + " clients";
    }
}

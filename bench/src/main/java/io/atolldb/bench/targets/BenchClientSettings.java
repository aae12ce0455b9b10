package io.atolldb.bench.targets;

/**
 * Client-side choices that apply to every target.
 *
 * @param clients         concurrent requests (connections for the HTTP targets, threads for the ceiling)
 * @param consistentReads GetItem with ConsistentRead=true (strongly consistent) instead of eventually consistent
 */
public record BenchClientSettings(int clients, boolean consistentReads) {
}

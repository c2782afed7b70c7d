/**
 * Throughput benchmarks of the bundled models ({@code lskd bench}): each task registers
 * {@link io.lskd.bench.Workload}s, fixed-shape synthetic steps whose speed is measured in
 * windows after a warm-up, so that runs on shared machines can be compared by medians.
 */
package io.lskd.bench;

/** Benchmark workloads of the vision models for {@code lskd bench}. */
package io.lskd.vision.bench;

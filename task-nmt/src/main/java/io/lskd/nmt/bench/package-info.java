/** Benchmark workloads of the translation Transformers for {@code lskd bench}. */
package io.lskd.nmt.bench;

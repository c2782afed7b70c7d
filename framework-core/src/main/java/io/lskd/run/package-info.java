/**
 * Running suites: expanding arms x seeds into runs, writing each run's files (spec, provenance,
 * per-epoch metrics, result), continuing an earlier run of the same suite (finished runs kept,
 * unfinished ones resumed from their checkpoints), folder locks, and the aggregated table.
 */
package io.lskd.run;

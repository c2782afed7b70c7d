/**
 * Running suites: expanding arms x seeds into runs, executing them (in this process with
 * {@link io.lskd.run.InProcessExecutor}, or as tasks of a cluster through a
 * {@link io.lskd.run.SuiteExecutor} whose tasks train with {@link io.lskd.run.DetachedRuns}),
 * writing each run's files (spec, provenance, per-epoch metrics, result), continuing an earlier
 * run of the same suite (finished runs kept, unfinished ones resumed from their checkpoints),
 * folder locks, and the aggregated table.
 */
package io.lskd.run;

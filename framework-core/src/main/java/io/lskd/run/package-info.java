/**
 * Running suites: expanding arms x seeds into runs, writing each run's files (spec, per-epoch
 * metrics, result), progress on the console and the aggregated table.
 */
package io.lskd.run;

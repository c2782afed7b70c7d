/**
 * {@code lskd report}: reads a suite's run folders (result.json, spec.json, metrics.jsonl,
 * analysis.json), aggregates seeds into mean and sample standard deviation, shapes the paper's
 * tables, states a verdict per claim by a fixed rule, and draws the figures (XChart).
 */
package io.lskd.report;

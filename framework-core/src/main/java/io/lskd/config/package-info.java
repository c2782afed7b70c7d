/**
 * Experiment specs: JSON files read into immutable records, checked against the records'
 * own shape before anything is built.
 *
 * <p>Why a schema walker and not Jackson alone: Jackson stops at the first problem, and a
 * researcher who fixes a suite one error per run wastes a run each time. {@link
 * io.lskd.config.SpecReader} first walks the JSON tree against the record components and
 * collects every problem (path, bad value, what is allowed, the nearest valid name), and only
 * binds with Jackson when the tree is clean.
 *
 * <p>A spec is a record. Its compact constructor fills defaults for null components and
 * validates across fields; components carry {@link io.lskd.config.Doc}, {@link
 * io.lskd.config.Range}, {@link io.lskd.config.OneOf} and {@link io.lskd.config.Required}.
 * A pluggable part is an interface whose record subtypes carry {@link
 * io.lskd.config.TypeName} and are listed in a {@link io.lskd.config.TypeRegistry}; in JSON
 * it is written {@code {"type": "uniform", ...}}. {@link io.lskd.config.CanonicalJson} gives
 * the canonical form whose SHA-256 is the run id.
 */
package io.lskd.config;

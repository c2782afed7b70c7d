/**
 * Experiment specs: immutable records read from suite JSON by {@link io.lskd.config.SpecReader},
 * validated in their constructors, with defaults filled in. Their canonical JSON is hashed into
 * run ids. Polymorphic parts ({@link TaskSpec}, {@link ModelSpec}, {@link SmootherSpec},
 * {@link DistillerSpec}) are registered by plugins under a {@code "type"} name.
 */
package io.lskd.spec;

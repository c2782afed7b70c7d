/**
 * The service-provider interfaces of lskd: plain Java, free of Guice, Jackson and ND4J
 * backend types, so that a smoother, a distiller, a metric or a whole task can be written
 * and used with {@code new}.
 *
 * <p>Conventions: logits and probabilities are {@code double[batch][K]} row-major; labels are
 * class indices in {@code [0, K)}. Every loss is a batch mean.
 */
package io.lskd.spi;

/**
 * Larq-style quantized layers on SameDiff ({@link io.lskd.binary.layers.QuantConv2D},
 * {@link io.lskd.binary.layers.QuantDense}): latent real-valued kernels quantized on every read,
 * input quantizers, kernel constraints, +-1 padding for binary inputs, and the guardrail warning
 * for an unclipped binary kernel.
 */
package io.lskd.binary.layers;

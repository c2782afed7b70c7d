/**
 * Larq-style quantizers on SameDiff: each a forward function plus its gradient rule, joined by
 * the stop-gradient trick ({@link io.lskd.binary.quant.StraightThrough}); usable as objects or
 * by name ({@link io.lskd.binary.quant.Quantizers}).
 */
package io.lskd.binary.quant;

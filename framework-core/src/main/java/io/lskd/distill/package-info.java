/**
 * Distillers: cross-entropy on (smoothed) targets, soft-target KD (Shen et al. 2021) and
 * Hinton KD. Each computes its reference value and analytic gradient in plain Java doubles
 * and builds the same loss from plain SameDiff ops, avoiding the ops whose gradients are
 * wrong in ND4J 1.0.0-M2.1 (DL4J-NOTES.md).
 *
 * <p>Notation: z^s, z^t student and teacher logits [B][K], q the targets, p(T) =
 * softmax(z / T). Every loss is a batch mean.
 */
package io.lskd.distill;

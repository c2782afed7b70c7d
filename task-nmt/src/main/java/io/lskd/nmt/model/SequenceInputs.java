package io.lskd.nmt.model;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * One side of a batch (B sentences padded to L tokens) as graph inputs. Every dynamic size
 * enters as data, never through {@code sd.shape}: the per-head reshape reads {@code headShape}
 * and the positions come precomputed.
 *
 * @param embedded each token's row of the shared embedding E (unscaled), [B*L, d]
 * @param positions the sinusoidal encodings of positions 0..L-1 repeated per sentence, [B*L, d]
 * @param headShape {B, L, heads, d/heads}, int64
 * @param mask additive attention mask over this side's keys (0 or -1e9), broadcastable to
 *     [B, heads, Lq, L]: key padding [B, 1, 1, L] for a source, causal [1, 1, L, L] for a target
 */
public record SequenceInputs(SDVariable embedded, SDVariable positions, SDVariable headShape, SDVariable mask) {
}

package io.lskd.spi;

/**
 * A smoother that regularises the model's own logits rather than (only) its targets, such as
 * MaxSup or the confidence penalty: the training loss of an arm is its distiller's loss plus
 * {@link #penalty()}'s. Its {@link #target} gives the targets the distiller sees (one-hot for
 * the built-in ones).
 */
public interface PenaltySmoother extends Smoother {

    /**
     * The penalty as a loss on the student logits; it needs no teacher and ignores targets.
     * Task adapters that train SameDiff graphs need it to be an {@code io.lskd.graph.GraphDistiller}.
     */
    Distiller penalty();
}

package io.lskd.spi;

/**
 * A frozen, trained model that yields logits for a batch.
 *
 * @param <B> the task's batch type
 */
public interface Teacher<B> {

    /** Logits [B][K] for a batch, in inference mode. */
    double[][] logits(B batch);

    /** A content fingerprint (SHA-256 of the parameters), so that its outputs can be cached. */
    String fingerprint();
}

package io.lskd.spec;

import io.lskd.graph.GraphDistiller;

/** Configures a distiller (a training loss); plugins register implementations by type name. */
public interface DistillerSpec {

    GraphDistiller create();

    /**
     * Whether the teacher must be the student's own architecture trained before it
     * (self-distillation); the suite then checks that the teacher arm has the same model.
     */
    default boolean selfDistillation() {
        return false;
    }
}

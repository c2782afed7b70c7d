package io.lskd.spec;

import io.lskd.graph.GraphDistiller;

/** Configures a distiller (a training loss); plugins register implementations by type name. */
public interface DistillerSpec {

    GraphDistiller create();
}

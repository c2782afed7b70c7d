package io.lskd.nmt.loss;

import io.lskd.config.Doc;
import io.lskd.config.Range;
import io.lskd.config.TypeName;
import io.lskd.graph.GraphDistiller;
import io.lskd.spec.DistillerSpec;

/** Sequence-level KD: train on the teacher's beam outputs (see {@link SequenceKdDistiller}). */
@TypeName(SequenceKdDistiller.NAME)
@Doc("Sequence-level KD (Kim and Rush 2016): smoothed CE on the teacher's beam translations of the training sources")
public record SequenceKdSpec(
        @Range(min = 1) @Doc("The teacher's beam size when translating the training sources (default 4)") Integer beamSize)
        implements DistillerSpec {

    public SequenceKdSpec {
        beamSize = beamSize == null ? 4 : beamSize;
    }

    @Override
    public GraphDistiller create() {
        return new SequenceKdDistiller(beamSize);
    }
}

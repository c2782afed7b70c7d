package io.lskd.vision.model;

import io.lskd.graph.GraphModel;
import io.lskd.graph.Network;
import io.lskd.spec.ModelSpec;
import java.util.Map;

/** A vision architecture that can be built for an input shape and a class count. */
public interface VisionModelSpec extends ModelSpec {

    Network build(int height, int width, int channels, int numClasses);

    /**
     * Trains one arm of this model: by default a single pass over every epoch of the recipe.
     * Models with a schedule of their own override it.
     */
    default TrainedGraph train(ArmTrainer trainer) {
        GraphModel graph = trainer.newGraph(build(trainer.height(), trainer.width(), trainer.channels(),
                trainer.numClasses()));
        trainer.train(graph, trainer.training(), trainer.dataSeed(), trainer.monitor());
        return new TrainedGraph(graph, Map.of());
    }
}

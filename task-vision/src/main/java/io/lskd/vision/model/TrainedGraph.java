package io.lskd.vision.model;

import io.lskd.graph.GraphModel;
import java.util.Map;

/**
 * A trained graph and the figures its training produced beyond the task's metrics (a binary
 * network's size in bits, say), added to the run's result.
 */
public record TrainedGraph(GraphModel graph, Map<String, Double> metrics) {
    public TrainedGraph {
        metrics = Map.copyOf(metrics);
    }
}

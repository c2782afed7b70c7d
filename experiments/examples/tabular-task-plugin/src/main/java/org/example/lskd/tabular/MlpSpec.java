package org.example.lskd.tabular;

import io.lskd.config.Doc;
import io.lskd.config.Range;
import io.lskd.config.TypeName;
import io.lskd.graph.Network;
import io.lskd.spec.ModelSpec;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;

/** A multilayer perceptron with ReLU hidden layers. */
@TypeName("mlp")
@Doc("Multilayer perceptron: dense layers with ReLU, then a dense layer to the classes")
public record MlpSpec(@Range(min = 1) @Doc("Hidden layer widths (default [32])") List<Integer> hidden)
        implements ModelSpec {

    public MlpSpec {
        hidden = hidden == null ? List.of(32) : List.copyOf(hidden);
    }

    Network build(int inputs, int classes) {
        return (g, x) -> {
            SDVariable h = x;
            int width = inputs;
            for (int i = 0; i < hidden.size(); i++) {
                h = g.relu(g.dense("fc" + i, h, width, hidden.get(i)));
                width = hidden.get(i);
            }
            return g.dense("out", h, width, classes);
        };
    }
}

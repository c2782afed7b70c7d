package org.example.lskd.library;

import io.lskd.distill.DkdDistiller;
import io.lskd.distill.HintonDistiller;
import io.lskd.math.Softmax;
import io.lskd.metrics.MetricSet;
import io.lskd.smooth.OnlineLabelSmoother;
import io.lskd.smooth.UniformSmoother;
import io.lskd.spi.LossValue;
import java.util.Map;

/**
 * lskd as a library: smoothers, distillers and metrics built with {@code new}, no Guice, no
 * suite file, no training graph. Prints one {@code name=value} line per result.
 */
public final class LibraryUse {

    public static void main(String[] args) {
        double[][] student = {{2.0, 0.5, -1.0}, {0.1, 1.2, 0.3}, {-0.4, 0.2, 1.9}};
        double[][] teacher = {{3.0, 0.0, -2.0}, {-1.0, 2.0, 0.5}, {0.3, -0.2, 2.4}};
        int[] labels = {0, 1, 2};

        // label smoothing targets, and two distillation losses with their gradients
        double[][] targets = new UniformSmoother(0.1).targets(labels, 3);
        LossValue hinton = new HintonDistiller(4.0, 0.9).loss(student, teacher, targets);
        LossValue dkd = new DkdDistiller(4.0, 1.0, 8.0, 1.0).loss(student, teacher, targets);
        System.out.println("hinton=" + hinton.value());
        System.out.println("hinton.kd=" + hinton.terms().get("kd"));
        System.out.println("hinton.grad00=" + hinton.gradient()[0][0]);
        System.out.println("dkd=" + dkd.value());

        // online label smoothing learns its targets from predictions
        OnlineLabelSmoother online = new OnlineLabelSmoother(0.5);
        online.target(0, 3);
        online.observe(teacher, labels);
        online.epochEnded();
        System.out.println("online.target00=" + online.target(0, 3)[0]);

        // the paper's metrics, streamed
        MetricSet metrics = MetricSet.standard(3, true);
        metrics.add(Softmax.probabilities(student, 1.0), labels, Softmax.probabilities(teacher, 1.0));
        for (Map.Entry<String, Double> m : metrics.results().entrySet()) {
            System.out.println("metric." + m.getKey() + "=" + m.getValue());
        }
    }
}

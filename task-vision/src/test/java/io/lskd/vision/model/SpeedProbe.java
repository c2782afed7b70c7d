package io.lskd.vision.model;

import io.lskd.graph.GraphDistiller;
import io.lskd.graph.GraphModel;
import io.lskd.graph.Network;
import io.lskd.spi.LossValue;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

public class SpeedProbe {
    public static void main(String[] a) {
        GraphDistiller ce = new GraphDistiller() {
            public String name() { return "ce"; }
            public boolean needsTeacher() { return false; }
            public LossValue loss(double[][] s, double[][] t, double[][] y) { throw new UnsupportedOperationException(); }
            public SDVariable lossGraph(SameDiff sd, SDVariable z, SDVariable t, SDVariable y) {
                SDVariable max = z.max(true, 1);
                SDVariable sh = z.sub(max);
                SDVariable lsm = sh.sub(sd.math.log(sd.math.exp(sh).sum(true, 1)));
                return lsm.mul(y).sum(1).mean().neg();
            }
        };
        for (Network net : new Network[] {new SmallResNet(1, 10), new SmallCnn(28, 28, 1, 10)}) {
            GraphModel m = new GraphModel(net, ce, new long[] {28, 28, 1}, 10, DataType.FLOAT, 0);
            System.out.println(net + " params " + m.parameterCount());
            INDArray x = Nd4j.rand(DataType.FLOAT, 128, 28, 28, 1);
            INDArray y = Nd4j.zeros(DataType.FLOAT, 128, 10);
            for (int i = 0; i < 128; i++) y.putScalar(i, i % 10, 1);
            for (int i = 0; i < 5; i++) m.step(x, y, null, 1e-3);
            long t0 = System.nanoTime();
            int n = 20; double l = 0;
            for (int i = 0; i < n; i++) l = m.step(x, y, null, 1e-3);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("train %.0f samples/s loss %.4f%n", n * 128 / s, l);
            t0 = System.nanoTime();
            for (int i = 0; i < n; i++) m.logits(x);
            s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("infer %.0f samples/s%n", n * 128 / s);
        }
    }
}

package io.lskd.testing;

import java.util.SplittableRandom;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * For numeric gradient checks ({@code @ExtendWith(DoublePrecision.class)}): ND4J's default data
 * types are double while the test class runs, since GradCheckUtil's finite differences need
 * double, and are restored afterwards, so that later test classes in the same JVM see the usual
 * defaults.
 */
public final class DoublePrecision implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DoublePrecision.class);
    private static final String PREVIOUS = "previous";

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(PREVIOUS, Nd4j.dataType());
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        DataType previous = context.getStore(NAMESPACE).get(PREVIOUS, DataType.class);
        Nd4j.setDefaultDataTypes(previous, previous);
    }

    /** Standard-normal doubles of a shape, repeatable from the seed: inputs for gradient checks. */
    public static INDArray gaussian(long[] shape, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        double[] v = new double[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return Nd4j.create(v, shape, DataType.DOUBLE);
    }
}

package io.lskd.nmt.task;

import io.lskd.spi.StatefulComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The stream that draws one run's dropout masks: ND4J's native generator, seeded per run. It is
 * counter based (a root and a node state, 64 bits each, which every draw advances), so its
 * whole state is those two values; they are checkpointed, and a resumed run draws the masks a
 * run that never stopped would.
 */
final class DropoutStream implements StatefulComponent {

    private static final String ROOT = "root";
    private static final String NODE = "node";

    private final Random random;

    DropoutStream(long seed) {
        this.random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    Random random() {
        return random;
    }

    /** Each 64-bit state as two 32-bit halves: checkpoint values are doubles, exact only to 2^53. */
    @Override
    public Map<String, double[]> saveState() {
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put(ROOT, halves(random.rootState()));
        out.put(NODE, halves(random.nodeState()));
        return out;
    }

    @Override
    public void restoreState(Map<String, double[]> state) {
        random.setStates(whole(state, ROOT), whole(state, NODE));
    }

    private static double[] halves(long value) {
        return new double[] {value >>> 32, value & 0xffffffffL};
    }

    private static long whole(Map<String, double[]> state, String name) {
        double[] halves = state.get(name);
        if (halves == null || halves.length != 2) {
            throw new IllegalArgumentException("the dropout stream's state needs '" + name
                    + "' as two 32-bit halves, got " + (halves == null ? "none" : halves.length + " values"));
        }
        return ((long) halves[0] << 32) | (long) halves[1];
    }
}

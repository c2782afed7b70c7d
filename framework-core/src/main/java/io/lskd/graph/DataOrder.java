package io.lskd.graph;

import java.util.SplittableRandom;

/**
 * The order in which an epoch visits the training samples: a Fisher-Yates shuffle of the
 * identity per epoch, all epochs drawing from one {@link SplittableRandom} seeded with the data
 * seed. The order of epoch e is therefore a function of (data seed, e) alone: a resumed run
 * replays the draws of the epochs before it (n draws each, microseconds) and visits the same
 * samples as a run that never stopped.
 */
final class DataOrder {

    private final int size;
    private final SplittableRandom random;
    private int epoch;

    DataOrder(long dataSeed, int size) {
        this.size = size;
        this.random = new SplittableRandom(dataSeed);
    }

    /** The permutation of epoch {@code e} (1-based); epochs are asked for in increasing order. */
    int[] epoch(int e) {
        if (e <= epoch) {
            throw new IllegalStateException("epoch " + e + " after epoch " + epoch);
        }
        int[] permutation = new int[size];
        while (epoch < e) {
            shuffle(permutation);
            epoch++;
        }
        return permutation;
    }

    private void shuffle(int[] permutation) {
        for (int i = 0; i < permutation.length; i++) {
            permutation[i] = i;
        }
        for (int i = permutation.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = tmp;
        }
    }
}

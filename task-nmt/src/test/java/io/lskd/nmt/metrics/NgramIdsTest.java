package io.lskd.nmt.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** N-gram ids are equal exactly when the n-grams are, across orders and sequences. */
class NgramIdsTest {

    @Test
    void idsAreEqualExactlyWhenTheNgramsAre() {
        Random random = new Random(11);
        int alphabet = 3; // small, so that many n-grams repeat
        NgramIds ids = new NgramIds(alphabet);
        int[][] seqs = new int[6][];
        int[][][] grams = new int[seqs.length][][];
        for (int s = 0; s < seqs.length; s++) {
            seqs[s] = random.ints(20 + 10 * s, 0, alphabet).toArray();
            grams[s] = ids.of(seqs[s], 5);
        }
        for (int s = 0; s < seqs.length; s++) {
            for (int t = 0; t < seqs.length; t++) {
                for (int n = 1; n <= 5; n++) {
                    for (int m = 1; m <= 5; m++) {
                        for (int i = 0; i < grams[s][n - 1].length; i++) {
                            for (int j = 0; j < grams[t][m - 1].length; j++) {
                                boolean same = n == m && Arrays.equals(seqs[s], i, i + n, seqs[t], j, j + m);
                                if (same != (grams[s][n - 1][i] == grams[t][m - 1][j])) {
                                    fail("seq " + s + " pos " + i + " order " + n + " vs seq " + t + " pos " + j
                                            + " order " + m + ": n-grams equal " + same + ", ids equal " + !same);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void codePointsGetDenseIdsThatNeverMeetNgramIds() {
        NgramIds ids = new NgramIds(0);
        int[] a = ids.codePoints("ab\uD83D\uDE00a");
        assertEquals(4, a.length, "a supplementary character is one unit");
        assertEquals(a[0], a[3]);
        int[][] grams = ids.of(a, 2);
        for (int g : grams[1]) {
            for (int u : a) {
                assertNotEquals(u, g);
            }
        }
    }
}

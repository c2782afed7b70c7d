package io.lskd.nmt.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecodingProgressTest {

    @Test
    void saysWhatStartsAndHowItEndedButNothingBetweenWithinAMinute() {
        List<String> lines = new ArrayList<>();
        int[][] sources = {{5, 2}, {5, 6, 7, 2}, {5, 6, 7, 8, 9, 10, 2}};
        DecodingProgress progress = new DecodingProgress("the teacher's translations", sources, lines::add);
        progress.decoded(2, 6);
        progress.decoded(3, 13);
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("the teacher's translations: 3 sentences", lines.get(0));
        assertTrue(lines.get(1).matches("the teacher's translations: 3 sentences in 0m00s, [0-9.]+ sentences/s"),
                lines.get(1));
    }
}

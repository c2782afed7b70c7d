package io.lskd.nmt.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Python string semantics sacreBLEU's figures depend on; expected values printed by Python 3.11. */
class PythonTextTest {

    @Test
    void splitUsesPythonsWhitespaceWhichIncludesNoBreakAndSeparatorControls() {
        // Python: 'a\xa0b\u3000c\x1fd\u200be'.split() == ['a', 'b', 'c', 'd\u200be']
        assertEquals(List.of("a", "b", "c", "d\u200be"), PythonText.split(" a\u00a0b\u3000c\u001fd\u200be "));
        assertEquals(List.of(), PythonText.split(" \t\n\u2028 "));
    }

    @Test
    void rstripRemovesOnlyTrailingPythonWhitespace() {
        assertEquals(" a b", PythonText.rstrip(" a b \u00a0\r\n\u0085"));
        assertEquals("a\u200b", PythonText.rstrip("a\u200b"));
    }

    @Test
    void fixedRoundsTheExactBinaryValueHalfToEvenAsPythonFormats() {
        // Python: f"{0.125:.2f}", f"{2.675:.2f}", f"{0.5:.0f}", f"{1.5:.0f}", f"{-0.001:.2f}", f"{48.530827:.1f}"
        assertEquals("0.12", PythonText.fixed(0.125, 2));
        assertEquals("2.67", PythonText.fixed(2.675, 2));
        assertEquals("0", PythonText.fixed(0.5, 0));
        assertEquals("2", PythonText.fixed(1.5, 0));
        assertEquals("-0.00", PythonText.fixed(-0.001, 2));
        assertEquals("48.5", PythonText.fixed(48.530827, 1));
    }

    @Test
    void lowerHandlesFinalSigmaAsPython() {
        // Python: 'ΣΑΣ ΟΔΟΣ. Σ'.lower() == 'σας οδος. σ'
        assertEquals("σας οδος. σ", PythonText.lower("ΣΑΣ ΟΔΟΣ. Σ"));
    }
}

package io.lskd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ResidentPeakTest {

    @Test
    void readsTheHighWaterMarkLineInBytes() {
        List<String> status = List.of("Name:\tjava", "VmPeak:\t 9000000 kB", "VmHWM:\t  123456 kB", "VmRSS:\t  1000 kB");
        assertEquals(OptionalLong.of(123_456L * 1024), ResidentPeak.parse(status));
    }

    @Test
    void noHighWaterMarkLineGivesNothing() {
        assertEquals(OptionalLong.empty(), ResidentPeak.parse(List.of("Name:\tjava", "VmRSS:\t 1000 kB")));
    }

    @Test
    void anUnexpectedUnitIsAnErrorQuotingTheLine() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ResidentPeak.parse(List.of("VmHWM:\t 12 MB")));
        assertTrue(e.getMessage().contains("VmHWM:\t 12 MB"), e.getMessage());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void thePeakIsAtLeastTheResidentSetAndFollowsAnAllocationAfterAReset() {
        assertTrue(ResidentPeak.reset(), "writing /proc/self/clear_refs");
        long before = ResidentPeak.bytes().orElseThrow();
        assertTrue(before >= Pointer.physicalBytes() - 4096 * 64, before + " vs " + Pointer.physicalBytes());
        long size = 64L << 20;
        Pointer block = new BytePointer(size);
        try {
            Pointer.memset(block, 1, size); // touch every page so it is resident
            long after = ResidentPeak.bytes().orElseThrow();
            assertTrue(after >= before + size / 2, "peak " + after + " after touching 64 MiB, " + before + " before");
        } finally {
            block.deallocate();
        }
    }
}

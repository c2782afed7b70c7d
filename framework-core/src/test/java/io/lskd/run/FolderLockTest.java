package io.lskd.run;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock across processes is exercised by KillResumeTest (experiments); here within one. */
class FolderLockTest {

    @TempDir
    Path tmp;

    @Test
    void aHeldLockIsRefusedWithTheFolderAndHolderNamedAndIsFreeAfterClose() {
        Path lockFile = tmp.resolve("run/.lock");
        try (FolderLock held = FolderLock.acquire(lockFile, "run folder X")) {
            FolderInUseException e = assertThrows(FolderInUseException.class,
                    () -> FolderLock.acquire(lockFile, "run folder X"));
            assertTrue(e.getMessage().contains("run folder X is in use by another lskd process"), e.getMessage());
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
        }
        FolderLock.acquire(lockFile, "run folder X").close();
    }
}

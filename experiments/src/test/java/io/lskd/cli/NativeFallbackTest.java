package io.lskd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A native build that fails to load is retried once, in a fresh JVM, with the generic build. */
class NativeFallbackTest {

    private static final String EXTENSION = "org.bytedeco.javacpp.platform.extension";

    @AfterEach
    void clearProperties() {
        System.clearProperty(EXTENSION);
        System.clearProperty("lskd.nativeFallback");
    }

    @Test
    void aChosenVariantThatFailsIsRetriedWithTheGenericBuildInAFreshJvm() {
        System.setProperty(EXTENSION, "-onednn-missing");
        // the retried command runs for real in a child JVM: 'suites' succeeds there
        assertEquals(0, NativeFallback.retry(new UnsatisfiedLinkError("no jnind4jcpu in java.library.path"),
                new String[] {"suites"}));
        // and a command that fails there returns its exit code
        assertEquals(Main.USAGE_ERROR, NativeFallback.retry(new UnsatisfiedLinkError("no jnind4jcpu"),
                new String[] {"run", "no-such-suite"}));
    }

    @Test
    void theGenericBuildFailingOrASecondFailureIsReportedNotRetried() {
        assertEquals(1, NativeFallback.retry(new UnsatisfiedLinkError("no jnind4jcpu"), new String[] {"suites"}));
        System.setProperty(EXTENSION, "-onednn-missing");
        System.setProperty("lskd.nativeFallback", "true");
        assertEquals(1, NativeFallback.retry(new UnsatisfiedLinkError("no jnind4jcpu"), new String[] {"suites"}));
    }
}

package io.lskd.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsFolderTest {

    @Test
    void aUriHasASchemeOfTwoOrMoreCharactersFollowedByASlash() {
        for (String uri : List.of("hdfs://namenode:8020/runs", "s3a://bucket/runs", "file:///shared/runs",
                "viewfs://cluster/runs", "hdfs:///runs")) {
            assertTrue(ResultsFolder.isUri(uri), uri);
        }
        for (String path : List.of("runs", "/shared/runs", "./runs", "C:\\\\runs", "C:/runs", "runs:old", "a/b:c")) {
            assertFalse(ResultsFolder.isUri(path), path);
        }
    }

    /** The in-process executor (every executor by default) takes paths and refuses URIs, naming what takes them. */
    @Test
    void theDefaultExecutorTakesPathsOnly() {
        SuiteExecutor executor = new InProcessExecutor(new Parallelism(1, 1));
        assertEquals(Path.of("runs"), executor.resultsFolder("runs").prepare(null, ResumeMode.CONTINUE, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> executor.resultsFolder("s3a://bucket/runs"));
        assertTrue(e.getMessage().startsWith("--out s3a://bucket/runs: in-process, 1 run(s) at once"), e.getMessage());
        assertTrue(e.getMessage().contains("needs --executor spark"), e.getMessage());
    }
}

package io.lskd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.run.Parallelism;
import org.junit.jupiter.api.Test;

/**
 * {@code lskd run --executor}: lskd.jar holds no cluster executor, so asking for Spark says how
 * to get it, before any data is read; options of one executor are refused with another.
 */
class ExecutorChoiceTest {

    @Test
    void askingForSparkWithoutItsModuleSaysHowToGetIt() {
        CliTest.Outcome r = CliTest.lskd("run", "vision-quick", "--executor", "spark", "--master", "local[2]");
        assertEquals(Main.USAGE_ERROR, r.code(), r.err());
        assertTrue(r.err().contains("lskd: the Spark executor is not on the class path; build it with"
                + " 'mvn -pl experiments/spark -am package -DskipTests'"), r.err());
        assertTrue(r.err().contains("spark-submit"), r.err());
        assertTrue(!r.err().contains("data:"), "refused before the data was read:\n" + r.err());
    }

    @Test
    void anUnknownExecutorIsNamedWithTheAvailableOnes() {
        CliTest.Outcome r = CliTest.lskd("run", "vision-quick", "--executor", "slurm");
        assertEquals(Main.USAGE_ERROR, r.code(), r.err());
        assertTrue(r.err().contains("no executor named 'slurm'; available: [in-process]"), r.err());
    }

    @Test
    void optionsOfOneExecutorAreRefusedWithTheOther() {
        CliTest.Outcome master = CliTest.lskd("run", "vision-quick", "--master", "local[2]");
        assertEquals(Main.USAGE_ERROR, master.code(), master.err());
        assertTrue(master.err().contains("--master and --conf are settings of a cluster executor"), master.err());
        CliTest.Outcome parallel = CliTest.lskd("run", "vision-quick", "--executor", "spark", "--parallel", "2");
        assertEquals(Main.USAGE_ERROR, parallel.code(), parallel.err());
        assertTrue(parallel.err().contains("--parallel applies to the in-process executor"), parallel.err());
    }

    @Test
    void inProcessRunsShareTheCoresEvenly() {
        assertEquals(new Parallelism(2, 1), ExecutorChoice.parallelism(null, null, 2));
        assertEquals(new Parallelism(4, 4), ExecutorChoice.parallelism(null, null, 16));
        assertEquals(new Parallelism(1, 2), ExecutorChoice.parallelism(1, null, 2));
        assertEquals(new Parallelism(2, 3), ExecutorChoice.parallelism(2, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> ExecutorChoice.parallelism(0, null, 2));
    }
}

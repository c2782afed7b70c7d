package io.lskd.cli;

import static io.lskd.cli.CliTest.lskd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lskd.nmt.NmtPlugin;
import io.lskd.plugin.Registry;
import io.lskd.plugin.Workspace;
import io.lskd.spec.ArmSpec;
import io.lskd.spec.SuiteSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code lskd bench} as compare.sh uses it: the model list with defaults, one model's JSON row, bad input. */
class BenchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void listJsonGivesEveryBundledModelWithItsBatchAndThreads() throws Exception {
        CliTest.Outcome r = lskd("bench", "--list", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode models = JSON.readTree(r.out());
        Set<String> names = new java.util.TreeSet<>();
        models.fieldNames().forEachRemaining(names::add);
        assertEquals(Set.of("cnn-small", "reactnet-small", "resnet-small", "transformer-student",
                "transformer-teacher"), names);
        for (String name : names) {
            assertTrue(models.get(name).get("batch").asInt() >= 1, name);
            assertTrue(models.get(name).get("threads").asInt() >= 1, name);
        }
    }

    @Test
    void oneModelsRowHasItsDefaultThreadsCountAndMemory() throws Exception {
        CliTest.Outcome r = lskd("bench", "--model", "cnn-small", "--batch", "4", "--warmup", "0", "--windows", "1",
                "--steps", "1", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode row = JSON.readTree(r.out()).get("models").get(0);
        int defaultThreads = JSON.readTree(lskd("bench", "--list", "--json").out()).get("cnn-small").get("threads")
                .asInt();
        assertEquals(Math.min(defaultThreads, Runtime.getRuntime().availableProcessors()), row.get("threads").asInt());
        assertEquals(55_338, row.get("parameters").asLong());
        assertEquals(4, row.get("batch").asInt());
        assertTrue(row.get("trainPerSecond").asDouble() > 0 && row.get("inferPerSecond").asDouble() > 0);
        assertTrue(row.get("peakResidentBytes").asLong() > row.get("peakHeapBytes").asLong(),
                "the resident set holds the heap and the native buffers: " + row);
    }

    @Test
    void threadsGivenOverrideTheDefault() throws Exception {
        CliTest.Outcome r = lskd("bench", "--model", "cnn-small", "--batch", "2", "--threads", "1", "--warmup", "0",
                "--windows", "1", "--steps", "1", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, JSON.readTree(r.out()).get("models").get(0).get("threads").asInt());
    }

    @Test
    void badModelsAndCountsAreUsageErrorsNamingTheValue() {
        CliTest.Outcome unknown = lskd("bench", "--model", "resnet-big");
        assertEquals(Main.USAGE_ERROR, unknown.code());
        assertTrue(unknown.err().contains("resnet-big") && unknown.err().contains("resnet-small"), unknown.err());
        CliTest.Outcome zero = lskd("bench", "--model", "cnn-small", "--threads", "0");
        assertEquals(Main.USAGE_ERROR, zero.code());
        assertTrue(zero.err().contains("--threads"), zero.err());
    }

    @Test
    void theTransformerBenchmarksHaveTheNmtKdSuitesSizes() throws Exception {
        SuiteSpec suite = Suites.load("nmt-kd", Registry.discover(getClass().getClassLoader(), new Workspace(null)));
        List<ArmSpec> arms = suite.arms();
        assertEquals(NmtPlugin.NMT_KD_TEACHER, arm(arms, "teacher").model());
        assertEquals(NmtPlugin.NMT_KD_STUDENT, arm(arms, "student").model());
    }

    private static ArmSpec arm(List<ArmSpec> arms, String name) {
        return arms.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }
}

package io.lskd.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskRunsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTaskIsLabelledByItsDataSetAndAVariantNamedOtherwiseByBoth() {
        ObjectNode fashion = JSON.createObjectNode().put("type", "vision").put("dataset", "fashion-mnist");
        ObjectNode cifar = JSON.createObjectNode().put("type", "vision").put("dataset", "cifar-10");
        ObjectNode bible = JSON.createObjectNode().put("type", "nmt").put("corpus", "bible-es-en");
        ArrayNode noArms = JSON.createArrayNode();

        assertEquals("fashion-mnist", new TaskRuns(null, fashion, noArms, List.of()).label());
        assertEquals("lt-if10 (fashion-mnist)", new TaskRuns("lt-if10", fashion, noArms, List.of()).label());
        assertEquals("cifar-10", new TaskRuns("cifar-10", cifar, noArms, List.of()).label());
        assertEquals("bible-es-en", new TaskRuns(null, bible, noArms, List.of()).label());
    }
}

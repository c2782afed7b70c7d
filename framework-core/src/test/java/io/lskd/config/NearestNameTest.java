package io.lskd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NearestNameTest {

    @Test
    void transpositionsDeletionsAndCaseCostOneEdit() {
        assertEquals(1, NearestName.distance("unifrom", "uniform"));
        assertEquals(1, NearestName.distance("temprature", "temperature"));
        assertEquals(0, NearestName.distance("Alpha", "alpha"));
        assertEquals(3, NearestName.distance("kitten", "sitting"));
    }

    @Test
    void suggestsOnlyCloseNamesAndBreaksTiesAlphabetically() {
        List<String> keys = List.of("temperature", "weight", "type");

        assertEquals(Optional.of("temperature"), NearestName.among("temprature", keys));
        assertEquals(Optional.empty(), NearestName.among("banana", keys));
        assertEquals(Optional.of("ab"), NearestName.among("aa", List.of("ba", "ab")));
    }
}

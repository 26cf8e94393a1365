package dev.partnerauth.demo.prm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parseWhenObjectNestsArraysAndEscapesThenValuesMapped() {
        Object value = Json.parse(" {\"a\": [1, -2.5e1, true, null], \"b\": \"x\\\"y\\u00e9\\n\"} ");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", Arrays.asList(new BigDecimal("1"), new BigDecimal("-2.5e1"), true, null));
        expected.put("b", "x\"yé\n");
        assertEquals(expected, value);
    }

    @Test
    void parseWhenTrailingCharactersThenRejected() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{} x"));
    }

    @Test
    void parseWhenDepthExceedsLimitThenRejected() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[".repeat(100) + "]".repeat(100)));
    }

    @Test
    void parseWhenStringUnterminatedThenRejected() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"abc"));
    }

    @Test
    void writeWhenStringHoldsMarkupAndControlsThenEscaped() {
        assertEquals("{\"k\":\"\\u003c/script\\u003e\\n\\u0001\"}", Json.write(Map.of("k", "</script>\n\u0001")));
    }

    @Test
    void writeThenParseRoundTrips() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("s", "a\\b\"c");
        value.put("l", List.of(new BigDecimal("60"), false));
        value.put("n", null);

        assertEquals(value, Json.parse(Json.write(value)));
    }
}

package dev.partnerauth.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class StoreDatabaseTest {
    @Test
    void encodeListWhenValuesHoldNewlinesAndBackslashesThenDecodesToTheSame() {
        List<String> values = List.of("a", "line\nbreak", "back\\slash", "\\n literal", "cr\r", "");
        assertEquals(values, StoreDatabase.decodeList(StoreDatabase.encodeList(values)));
    }

    @Test
    void encodeListWhenEmptyThenNullAndBack() {
        assertNull(StoreDatabase.encodeList(List.of()));
        assertEquals(List.of(), StoreDatabase.decodeList(null));
    }

    @Test
    void encodeListWhenOneEmptyStringThenDistinctFromNoValue() {
        assertEquals(List.of(""), StoreDatabase.decodeList(StoreDatabase.encodeList(List.of(""))));
    }
}

package dev.partnerauth.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code -Ddemo.jdbc.pool}: the benchmarks' pool-size comparison sets it; a bad value stops the start with its name. */
class DemoPoolSizeTest {
    @Test
    void unsetIsTheDefaultAndANumberIsTaken() {
        assertEquals(DemoDatabase.POOL_SIZE, DemoDatabase.poolSize(null));
        assertEquals(20, DemoDatabase.poolSize("20"));
        assertEquals(1, DemoDatabase.poolSize(" 1 "));
    }

    @Test
    void anythingElseIsRefusedByName() {
        for (String bad : new String[] {"", "0", "-3", "1001", "ten", "20x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DemoDatabase.poolSize(bad));
            assertTrue(e.getMessage().contains("-Ddemo.jdbc.pool") && e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }
}

package org.vigil.cib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ResourceInstanceTest {
    @Test
    void cloneInstanceIdNamesItsResourceAndNumber() {
        ResourceInstance i = ResourceInstance.parse("drbd:1");
        assertEquals("drbd", i.base());
        assertTrue(i.isInstance());
        assertEquals(OptionalInt.of(1), i.number());
        assertEquals("drbd:1", i.id());
    }

    @Test
    void plainIdIsItsOwnBase() {
        ResourceInstance i = ResourceInstance.parse("vm01");
        assertEquals("vm01", i.base());
        assertFalse(i.isInstance());
        assertEquals(OptionalInt.empty(), i.number());
        assertEquals("vm01", ResourceInstance.baseOf("vm01"));
        assertNull(ResourceInstance.baseOf(null));
    }

    @Test
    void emptyOrLeadingSuffixIsNotAnInstance() {
        assertEquals("drbd:", ResourceInstance.parse("drbd:").base());
        assertEquals(":1", ResourceInstance.parse(":1").base());
    }

    @Test
    void nonNumericSuffixIsAnInstanceWithoutNumber() {
        ResourceInstance i = ResourceInstance.parse("grp:a");
        assertEquals("grp", i.base());
        assertEquals(OptionalInt.empty(), i.number());
        assertEquals(OptionalInt.empty(), ResourceInstance.parse("r:99999999999").number());
    }
}

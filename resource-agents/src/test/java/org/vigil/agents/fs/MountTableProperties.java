package org.vigil.agents.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

class MountTableProperties {
    /** The kernel's escaping in /proc/mounts (mangle_path: space, tab, newline, backslash as octal). */
    private static String kernelEscape(String s) {
        return s.replace("\\", "\\134").replace(" ", "\\040").replace("\t", "\\011").replace("\n", "\\012");
    }

    @Property
    void mountPointsWithAnyCharactersAreFoundAgain(
            @ForAll @StringLength(min = 1, max = 20) @CharRange(from = 'a', to = 'z') @Chars({' ', '\t', '\\', '\n', '-', '.'}) String name) {
        String dir = "/srv/" + name;
        MountTable t = MountTable.parse("/dev/sdb1 " + kernelEscape(dir) + " ext4 rw 0 0\n");
        assertEquals("/dev/sdb1", t.at(dir).orElseThrow().device());
    }
}

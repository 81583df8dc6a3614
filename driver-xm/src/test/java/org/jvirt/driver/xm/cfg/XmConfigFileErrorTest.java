package org.jvirt.driver.xm.cfg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed files: each fails whole, with CONF_SYNTAX and where the problem is. */
class XmConfigFileErrorTest {

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("unterminated double quote", "name = \"XenGuest1\nmemory = 5\n", "guest:1:8:"),
                Arguments.of("unterminated single quote", "name = 'x\n", "guest:1:8:"),
                Arguments.of("unterminated triple quote", "extra = '''abc\n\n", "guest:1:9:"),
                Arguments.of("quote mismatch", "name = 'x\"\n", "guest:1:8:"),
                Arguments.of("text after the string", "name = 'x' 'y'\n", "guest:1:12:"),
                Arguments.of("unterminated list", "disk = [ 'a',\n  'b'\n", "guest:3:1:"),
                Arguments.of("missing comma in list", "disk = [ 'a' 'b' ]\n", "guest:1:14:"),
                Arguments.of("bare word value", "memory = abc\n", "guest:1:10:"),
                Arguments.of("python constant", "acpi = True\n", "guest:1:8:"),
                Arguments.of("missing value", "memory =\nvcpus = 1\n", "guest:1:9:"),
                Arguments.of("missing equals", "memory 512\n", "guest:1:8:"),
                Arguments.of("comparison", "memory == 512\n", "guest:1:8:"),
                Arguments.of("name with digit first", "9lives = 1\n", "guest:1:1:"),
                Arguments.of("python statement", "import os\n", "guest:1:8:"),
                Arguments.of("float", "memory = 1.5\n", "guest:1:10:"),
                Arguments.of("hexadecimal", "memory = 0x200\n", "guest:1:10:"),
                Arguments.of("octal in python 2", "memory = 0644\n", "guest:1:10:"),
                Arguments.of("sign without digits", "memory = -\n", "guest:1:11:"),
                Arguments.of("out of range", "memory = 99999999999999999999\n", "guest:1:10:"),
                Arguments.of("tuple", "disk = ( 'a', )\n", "guest:1:8:"),
                Arguments.of("raw string", "extra = r'a'\n", "guest:1:9:"),
                Arguments.of("bad hex escape", "name = 'a\\xZ1'\n", "guest:1:10:"),
                Arguments.of("unclosed list at end", "disk = [ 'a', ", "guest:1:15:"),
                Arguments.of("too deep", "x = " + "[".repeat(9) + "]".repeat(9) + "\n", "guest:1:13:"),
                Arguments.of("nul byte", "name = 'a\0b'\n", "guest:1:10:"),
                Arguments.of("escape character", "\u001b[31mname = 'x'\n", "guest:1:1:"),
                Arguments.of("truncated in string", "name = 'XenGu", "guest:1:8:"),
                Arguments.of("truncated after equals", "name =", "guest:1:7:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void failsWithThePosition(String what, String text, String position) {
        assertThatThrownBy(() -> XmConfigFile.parse("guest", text))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONF_SYNTAX);
                    assertThat(e.domain()).isEqualTo(ErrorDomain.CONF);
                    assertThat(e.object()).isEqualTo("guest");
                    assertThat(e.getMessage()).startsWith("configuration file syntax error: " + position);
                });
    }

    @Test
    void reportsEveryProblemNotJustTheFirst() {
        String text = """
                name = 'ok'
                memory = abc
                disk = [ 'a',
                         'b' 'c',
                ]
                vcpus = 2
                kernel = "/boot/vmlinuz
                """;
        assertThatThrownBy(() -> XmConfigFile.parse("g", text)).hasMessage("configuration file syntax error: "
                + "g:2:10: expecting a value: a quoted string, an integer or a list; "
                + "g:4:14: expecting ',' or ']' in the list opened at 3:8; "
                + "g:7:10: the string starting here is not closed before the end of the line"
                + " (use a triple-quoted string over several lines)");
    }

    @Test
    void anUnclosedListDoesNotSwallowTheNextAssignments() {
        String text = "disk = [ 'a',\nvif = [ 'mac=1' ]\nmemory = x\n";
        assertThatThrownBy(() -> XmConfigFile.parse("g", text)).hasMessageContaining("g:2:1:")
                .hasMessageContaining("g:3:10:");
    }

    @Test
    void bytesThatAreNotUtf8AreBinary() {
        byte[] content = "name = 'x'\nkernel = '".getBytes(StandardCharsets.UTF_8);
        byte[] garbage = Arrays.copyOf(content, content.length + 3);
        garbage[content.length] = (byte) 0xC3;
        garbage[content.length + 1] = (byte) 0x28;
        garbage[content.length + 2] = (byte) 0xFF;
        assertThatThrownBy(() -> XmConfigFile.parse("bin", garbage)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONF_SYNTAX))
                .hasMessage("configuration file syntax error: bin:2:11: byte 21 is not UTF-8 text (is this a binary file?)");
    }

    @Test
    void moreThanTenMebibytesIsRefusedBeforeReading(@TempDir Path dir) throws IOException {
        byte[] big = new byte[(int) XmConfigFile.MAX_SIZE + 1];
        Arrays.fill(big, (byte) '#');
        assertThatThrownBy(() -> XmConfigFile.parse("big", big)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONF_SYNTAX)).hasMessageContaining("10485760");
        Path file = Files.write(dir.resolve("big"), big);
        assertThatThrownBy(() -> XmConfigFile.read(file)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONF_SYNTAX));
        // Exactly at the limit is fine.
        assertThat(XmConfigFile.parse("max", Arrays.copyOf(big, (int) XmConfigFile.MAX_SIZE)).settings()).isEmpty();
    }

    @Test
    void aMissingFileIsASystemError(@TempDir Path dir) {
        assertThatThrownBy(() -> XmConfigFile.read(dir.resolve("nope"))).isInstanceOfSatisfying(VirtException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SYSTEM_ERROR);
                    assertThat(e.getMessage()).endsWith("No such file or directory");
                });
    }

    @Test
    void aFileReadFromDiskKeepsItsName(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("guest"), "memory = 'x\n");
        assertThatThrownBy(() -> XmConfigFile.read(file)).hasMessageStartingWith(
                "configuration file syntax error: " + file + ":1:10:");
    }
}

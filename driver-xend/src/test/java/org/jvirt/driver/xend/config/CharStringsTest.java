package org.jvirt.driver.xend.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.jvirt.driver.xend.sexpr.SexprList;
import org.jvirt.driver.xend.sexpr.SexprReader;
import org.jvirt.model.CharDevice;
import org.jvirt.model.DomainDefinition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each of qemu-dm's character device strings, read as a device and written back, for serial and parallel ports. */
class CharStringsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "pty                            | pty  |",
        "null                           | null |",
        "stdio                          | stdio|",
        "vc                             | vc   |",
        "/dev/ttyS0                     | dev  | /dev/ttyS0",
        "file:/var/log/serial.log       | file | /var/log/serial.log",
        "pipe:/tmp/serial.pipe          | pipe | /tmp/serial.pipe",
        "tcp:localhost:9999             | tcp  | connect localhost 9999 raw",
        "tcp:0.0.0.0:9999,listen        | tcp  | bind 0.0.0.0 9999 raw",
        "telnet:localhost:9999,listen   | tcp  | bind localhost 9999 telnet",
        "udp:localhost:9998@localhost:9999 | udp | connect localhost 9998, bind localhost 9999",
        "udp:remote:9998                | udp  | connect remote 9998",
        "udp::9998@:9999                | udp  | connect 9998, bind 9999",
        "unix:/tmp/serial.sock          | unix | connect /tmp/serial.sock",
        "unix:/tmp/serial.sock,listen   | unix | bind /tmp/serial.sock",
    })
    void readAndWrittenBack(String string, String type, String sources) {
        for (String port : new String[] {"serial", "parallel"}) {
            DomainDefinition def = XendConfig.toDomain(SexprReader.read("(domain (domid 1)(name fv)(memory 64)(vcpus 1)"
                    + "(uuid 596a5d2171f48fb2e068e2386a5c413e)(image (hvm (kernel /l)(" + port + " '" + string + "'))))"), 2);
            CharDevice device = def.devices(CharDevice.class).stream().filter(c -> c.kind().equals(port)).findFirst()
                    .orElseThrow();
            assertThat(device.type()).isEqualTo(type);
            assertThat(describe(device)).isEqualTo(sources == null ? "" : sources);
            SexprList vm = (SexprList) XendConfig.toSexpr(def, 2);
            assertThat(vm.value("vm/image/hvm/" + port)).contains(string);
        }
    }

    private static String describe(CharDevice device) {
        StringBuilder s = new StringBuilder();
        for (var source : device.sources()) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(String.join(" ", java.util.stream.Stream.of(source.mode(), source.path(), source.host(),
                    source.service()).filter(v -> v != null).toList()));
        }
        if (device.protocol() != null) {
            s.append(' ').append(device.protocol());
        }
        return s.toString();
    }
}

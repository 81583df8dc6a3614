package org.jvirt.driver.xend.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XendHttpTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private XendHttp client(Duration timeout) {
        return new XendHttp(new XendAddress.Unix(dir.resolve("xend-socket")), timeout);
    }

    private CannedServer server(String reply) throws Exception {
        return new CannedServer(dir.resolve("xend-socket"), r -> reply == null ? null : bytes(reply));
    }

    @Test
    void getsAsLibvirtAskedAndReadsTheBodyOfItsLength() throws Exception {
        try (CannedServer s = server("HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n(node (a b))\nnot this")) {
            XendResponse r = client(Duration.ofSeconds(10)).get("/xend/node/");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.isSuccess()).isTrue();
            assertThat(r.body()).isEqualTo("(node (a b))\n");
            assertThat(s.requests).containsExactly("GET /xend/node/ HTTP/1.1\r\nHost: localhost:8000\r\n"
                    + "Accept-Encoding: identity\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n");
        }
    }

    @Test
    void postsAFormUrlEncodedInItsOrder() throws Exception {
        try (CannedServer s = server("HTTP/1.1 202 Accepted\r\n\r\n")) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("op", "create");
            form.put("config", "(vm (name 'a b')\n(memory 64))&=");
            XendResponse r = client(Duration.ofSeconds(10)).post("/xend/domain/", form);
            assertThat(r.status()).isEqualTo(202);
            assertThat(r.body()).isEmpty();
            String body = "op=create&config=%28vm+%28name+%27a+b%27%29%0A%28memory+64%29%29%26%3D";
            assertThat(s.requests).containsExactly("POST /xend/domain/ HTTP/1.1\r\nHost: localhost:8000\r\n"
                    + "Accept-Encoding: identity\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body);
        }
    }

    @Test
    void withoutContentLengthTheBodyRunsToTheEndOfTheConnection() throws Exception {
        try (CannedServer s = server("HTTP/1.0 500 Internal Server Error\nServer: xend\n\n(xend.err 'no')")) {
            XendResponse r = client(Duration.ofSeconds(10)).get("/xend/domain/x");
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.isSuccess()).isFalse();
            assertThat(r.body()).isEqualTo("(xend.err 'no')");
        }
    }

    @Test
    void aDaemonThatIsNotThereIsNoConnection() {
        assertThatThrownBy(() -> client(Duration.ofSeconds(10)).get("/xend/node/"))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NO_CONNECT);
                    assertThat(e.domain()).isEqualTo(ErrorDomain.XEND);
                    assertThat(e.getMessage()).contains("xend-socket").contains("GET /xend/node/");
                });
    }

    @Test
    void aDaemonThatNeverAnswersTimesOut() throws Exception {
        try (CannedServer s = server(null)) {
            assertThatThrownBy(() -> client(Duration.ofMillis(300)).get("/xend/domain?detail=1"))
                    .isInstanceOfSatisfying(VirtException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT);
                        assertThat(e.getMessage()).contains("GET /xend/domain?detail=1").contains("300 ms");
                    });
        }
    }

    @Test
    void malformedAndTruncatedAnswersNameTheRequest() throws Exception {
        String[][] cases = {
            {"", "no response"},
            {"SSH-2.0-OpenSSH\r\n\r\n", "not HTTP"},
            {"HTTP/1.1 abc OK\r\n\r\n", "not HTTP"},
            {"HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n(domain", "cut short: 7 of 50"},
            {"HTTP/1.1 200 OK\r\nContent-Length: x1\r\n\r\n", "Content-Length 'x1'"},
            {"HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n", "Content-Length"},
            {"HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "without a name"},
            {"HTTP/1.1 200 OK\r\nServer: xe", "cut short"},
            {"HTTP/1.1 200 OK\r\nX: " + "a".repeat(5000) + "\r\n\r\n", "longer than 4096"},
            {"\u0000\u00ff\u0001garbage\n", "not HTTP: '\\x00\\xc3\\xbf\\x01garbage'"},
        };
        for (String[] c : cases) {
            try (CannedServer s = server(c[0])) {
                assertThatThrownBy(() -> client(Duration.ofSeconds(10)).get("/xend/node/")).as(c[1])
                        .isInstanceOfSatisfying(VirtException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.HTTP_ERROR);
                            assertThat(e.getMessage()).contains("GET /xend/node/").contains(c[1]);
                        });
            }
            java.nio.file.Files.deleteIfExists(dir.resolve("xend-socket"));
        }
    }

    @Test
    void anAnswerLargerThanTheLimitIsRefused() throws Exception {
        byte[] big = new byte[XendHttp.MAX_RESPONSE_BYTES + 200_000];
        java.util.Arrays.fill(big, (byte) 'a');
        byte[] head = bytes("HTTP/1.1 200 OK\r\n\r\n");
        System.arraycopy(head, 0, big, 0, head.length);
        try (CannedServer s = new CannedServer(dir.resolve("xend-socket"), r -> big)) {
            assertThatThrownBy(() -> client(Duration.ofSeconds(20)).get("/xend/domain?detail=1"))
                    .isInstanceOfSatisfying(VirtException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.HTTP_ERROR);
                        assertThat(e.getMessage()).contains("larger than");
                    });
        }
    }
}

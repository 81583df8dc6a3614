package org.jvirt.driver.xend.http;

/**
 * xend's answer to one request: the HTTP status and the body (an S-expression, or xend's error text).
 *
 * @param status the HTTP status code
 * @param body the body, decoded as UTF-8; empty when there was none
 */
public record XendResponse(int status, String body) {
    /** Whether xend says it did what was asked (200, 201, 202), as libvirt's {@code http2unix} read it. */
    public boolean isSuccess() {
        return status == 200 || status == 201 || status == 202;
    }
}

package org.jvirt.driver.xend.testxend;

import org.jvirt.driver.xend.sexpr.Sexpr;

/** The test xend's answer: an HTTP status and a body. */
record XendReply(int status, String body) {
    static XendReply ok(Sexpr sexpr) {
        return new XendReply(200, sexpr.toString());
    }

    static XendReply ok() {
        return new XendReply(200, "");
    }

    /** An error as xend reported one: its status and an {@code (xend.err 'message')} body. */
    static XendReply error(int status, String message) {
        return new XendReply(status, Sexpr.list(Sexpr.atom("xend.err"), Sexpr.atom(message)).toString());
    }

    static XendReply notFound(String what) {
        return error(404, what);
    }
}

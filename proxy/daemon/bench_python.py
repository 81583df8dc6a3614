#!/usr/bin/python3
"""Per-call latency of libvirtd and jvirtd side by side, through the same python3-libvirt client.

Usage (bench-python.sh runs it; it starts and stops both daemons):
    /usr/bin/python3 bench_python.py [--rounds N] [--scale F] NAME=URI NAME=URI

Each URI is opened once and held for the whole run (both daemons keep test:///default's state only
while a client is connected). The operations, on each daemon in turn, round after round (so that a
noisy moment of the machine falls on both):
  info           dom.info() of the running domain "test"
  lookupByName   conn.lookupByName("test")
  XMLDesc        dom.XMLDesc(0) of "test"
  defineXML      conn.defineXML() of a small domain with a new name each call; the domains a round
                 defines are undefined after it, outside the timing
  listAllDomains conn.listAllDomains() with 1,000 small inactive domains defined besides "test"
                 (defined before, undefined after, outside the timing)
Every call is timed on its own (time.perf_counter_ns); a warm-up of the same calls comes first, on
both daemons, untimed. Prints one JSON object on stdout: per operation and daemon, the median, p90
and number of calls, in microseconds. Progress goes to stderr.
"""

import argparse
import gc
import json
import statistics
import sys
import time

import libvirt

SMALL_DOMAIN = ("<domain type='test'>\n"
                "  <name>%s</name>\n"
                "  <memory unit='KiB'>65536</memory>\n"
                "  <vcpu>1</vcpu>\n"
                "  <os>\n"
                "    <type arch='i686'>hvm</type>\n"
                "  </os>\n"
                "</domain>\n")
LISTED_DOMAINS = 1000
OPEN_DEADLINE_SECONDS = 30


def silence(ctx, err):
    """Errors are raised as exceptions; libvirt need not print them too."""


def open_with_deadline(uri):
    """A daemon's socket appears as it binds; the connection is retried until it listens."""
    deadline = time.monotonic() + OPEN_DEADLINE_SECONDS
    while True:
        try:
            return libvirt.open(uri)
        except libvirt.libvirtError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def timed(samples, call, n):
    """Appends the duration of each of n calls of call(i), in nanoseconds."""
    clock = time.perf_counter_ns
    gc.disable()
    try:
        for i in range(n):
            t0 = clock()
            call(i)
            samples.append(clock() - t0)
    finally:
        gc.enable()


class Daemon:
    def __init__(self, name, uri):
        self.name = name
        self.conn = open_with_deadline(uri)
        self.test = self.conn.lookupByName("test")
        self.defined = 0
        self.samples = {}

    def samples_of(self, op):
        return self.samples.setdefault(op, [])

    def new_names(self, n):
        names = ["bench-%s-%d" % (self.name, self.defined + i) for i in range(n)]
        self.defined += n
        return names

    def round(self, n, define_n, record):
        """One round of info, lookupByName, XMLDesc and defineXML; record=False for the warm-up."""
        conn, test = self.conn, self.test
        sink = (lambda op: self.samples_of(op)) if record else (lambda op: [])
        timed(sink("info"), lambda i: test.info(), n)
        timed(sink("lookupByName"), lambda i: conn.lookupByName("test"), n)
        timed(sink("XMLDesc"), lambda i: test.XMLDesc(0), n)
        xmls = [SMALL_DOMAIN % name for name in self.new_names(define_n)]
        domains = []
        timed(sink("defineXML"), lambda i: domains.append(conn.defineXML(xmls[i])), define_n)
        for d in domains:
            d.undefine()

    def define_listed(self):
        self.listed = [self.conn.defineXML(SMALL_DOMAIN % name) for name in self.new_names(LISTED_DOMAINS)]
        count = len(self.conn.listAllDomains())
        if count != LISTED_DOMAINS + 1:
            sys.exit("%s lists %d domains, not %d" % (self.name, count, LISTED_DOMAINS + 1))

    def list_round(self, n, record):
        conn = self.conn
        timed(self.samples_of("listAllDomains") if record else [], lambda i: conn.listAllDomains(), n)

    def undefine_listed(self):
        for d in self.listed:
            d.undefine()


def percentile(sorted_values, p):
    """The nearest-rank percentile."""
    k = max(0, min(len(sorted_values) - 1, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("daemons", nargs="+", metavar="NAME=URI")
    args = parser.parse_args()
    libvirt.registerErrorHandler(silence, None)

    n = max(10, int(2000 * args.scale))
    define_n = max(10, int(300 * args.scale))
    list_n = max(5, int(60 * args.scale))
    daemons = [Daemon(*spec.split("=", 1)) for spec in args.daemons]

    print(">> warm-up", file=sys.stderr)
    for d in daemons:
        for _ in range(2):
            d.round(n, define_n, record=False)
    for r in range(args.rounds):
        print(">> round %d/%d: %d calls each of info, lookupByName, XMLDesc; %d defineXML"
              % (r + 1, args.rounds, n, define_n), file=sys.stderr)
        for d in daemons:
            d.round(n, define_n, record=True)

    print(">> defining %d domains on each daemon for listAllDomains" % LISTED_DOMAINS, file=sys.stderr)
    for d in daemons:
        d.define_listed()
        d.list_round(list_n, record=False)
    for r in range(args.rounds):
        print(">> round %d/%d: %d listAllDomains" % (r + 1, args.rounds, list_n), file=sys.stderr)
        for d in daemons:
            d.list_round(list_n, record=True)
    for d in daemons:
        d.undefine_listed()

    result = {}
    for d in daemons:
        for op, samples in d.samples.items():
            s = sorted(samples)
            result.setdefault(op, {})[d.name] = {
                "median_us": statistics.median(s) / 1000.0,
                "p90_us": percentile(s, 90) / 1000.0,
                "calls": len(s),
            }
        d.conn.close()
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()

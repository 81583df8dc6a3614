#!/usr/bin/python3
"""Per-call latency of libvirtd and jvirtd side by side, through the same python3-libvirt client.

Usage (bench-python.sh runs it; it starts and stops both daemons):
    /usr/bin/python3 bench_python.py [--rounds N] [--scale F] NAME=URI NAME=URI
    /usr/bin/python3 bench_python.py --paced FIFO NAME=URI

Paced (bench-remote.sh runs it so, beside jvirt's JMH benchmark RemoteOpsBenchmark): the two take turns on the
same daemon, slice by slice, so that the machine's drift over minutes falls on both alike. The benchmark's forks
write requests to FIFO.req, one a line: "measure OP SECONDS" (calls of OP for that long, timed), "warm OP
SECONDS" (untimed) or "end"; each slice is answered with "done" on FIFO.ack. The domains listAllDomains lists
are the benchmark's (it defines them). At "end", prints the JSON below for the one daemon, and each timed slice's
median besides (key "slices_us").

Each URI is opened once and held for the whole run (both daemons keep test:///default's state only
while a client is connected). The operations, each round a batch of each on each daemon in turn (so
that a noisy moment of the machine falls on both alike):
  info           dom.info() of the running domain "test"
  lookupByName   conn.lookupByName("test")
  XMLDesc        dom.XMLDesc(0) of "test"
  defineXML      conn.defineXML() of a small domain with a new name each call; the domains a round
                 defines are undefined after it, outside the timing
  listAllDomains conn.listAllDomains() with 1,000 small inactive domains defined besides "test"
                 (defined before, undefined after, outside the timing)
Every call is timed on its own (time.perf_counter_ns). A warm-up comes first, on both daemons,
untimed (10,000 calls of each quick operation, 5,000 defines, 100 listings): jvirtd runs in a JVM,
whose JIT compiler needs some thousands of calls to compile the paths they take; a long-running
daemon has long done so. Prints one JSON object on stdout: per operation and daemon, the median, p90
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
        self.listed = []
        self.samples = {}

    def new_names(self, n):
        names = ["bench-%s-%d" % (self.name, self.defined + i) for i in range(n)]
        self.defined += n
        return names

    def batch(self, op, n, record):
        """n calls of op, each timed; record=False for the warm-up."""
        samples = self.samples.setdefault(op, []) if record else []
        conn, test = self.conn, self.test
        if op == "info":
            timed(samples, lambda i: test.info(), n)
        elif op == "lookupByName":
            timed(samples, lambda i: conn.lookupByName("test"), n)
        elif op == "XMLDesc":
            timed(samples, lambda i: test.XMLDesc(0), n)
        elif op == "defineXML":
            xmls = [SMALL_DOMAIN % name for name in self.new_names(n)]
            domains = []
            timed(samples, lambda i: domains.append(conn.defineXML(xmls[i])), n)
            for d in domains:
                d.undefine()
        elif op == "listAllDomains":
            timed(samples, lambda i: conn.listAllDomains(), n)
        else:
            raise ValueError(op)

    def define_listed(self):
        self.listed = [self.conn.defineXML(SMALL_DOMAIN % name) for name in self.new_names(LISTED_DOMAINS)]
        count = len(self.conn.listAllDomains())
        if count != LISTED_DOMAINS + 1:
            sys.exit("%s lists %d domains, not %d" % (self.name, count, LISTED_DOMAINS + 1))

    def undefine_listed(self):
        for d in self.listed:
            d.undefine()
        self.listed = []


def paced(fifo, daemon):
    """Serves the benchmark's requests until "end" (see the module's text); forks come and go meanwhile."""
    slices = {}
    while True:
        # each JMH fork opens the pair anew: the request pipe first, the answer pipe once it waits for an answer
        answers = None
        with open(fifo + ".req", "r") as requests:
            for line in requests:
                words = line.split()
                if words == ["end"]:
                    return slices
                if len(words) != 3 or words[0] not in ("measure", "warm"):
                    sys.exit("bench_python.py: unknown request %r" % line)
                kind, op, seconds = words[0], words[1], float(words[2])
                record = kind == "measure"
                before = len(daemon.samples.get(op, []))
                batch = 60 if op == "defineXML" else 5 if op == "listAllDomains" else 200
                deadline = time.monotonic() + seconds
                while time.monotonic() < deadline:
                    daemon.batch(op, batch, record)
                if record:
                    slices.setdefault(op, []).append(statistics.median(daemon.samples[op][before:]) / 1000.0)
                if answers is None:
                    answers = open(fifo + ".ack", "w")
                answers.write("done\n")
                answers.flush()
        if answers is not None:
            answers.close()


def percentile(sorted_values, p):
    """The nearest-rank percentile."""
    k = max(0, min(len(sorted_values) - 1, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--paced", metavar="FIFO")
    parser.add_argument("daemons", nargs="+", metavar="NAME=URI")
    args = parser.parse_args()
    libvirt.registerErrorHandler(silence, None)
    if args.paced:
        if len(args.daemons) != 1:
            sys.exit("bench_python.py: --paced serves one daemon")
        d = Daemon(*args.daemons[0].split("=", 1))
        slices = paced(args.paced, d)
        report([d], {d.name: slices})
        return

    def calls(n):
        return max(5, int(n * args.scale))

    # calls per batch; every round runs one batch of each operation on each daemon in turn
    batches = {"info": calls(400), "lookupByName": calls(400), "XMLDesc": calls(400), "defineXML": calls(60)}
    list_batch = calls(8)
    # untimed first: jvirtd's JIT compiler has compiled a call's path after some thousands of calls (a
    # define took ~400 µs for its first 2,000 calls here, ~100 µs from the 3,000th); libvirtd needs none
    # (not scaled: a quick run measures fewer calls, not a JVM that has not finished compiling)
    warm_up = {"info": 10000, "lookupByName": 10000, "XMLDesc": 10000, "defineXML": 5000}
    list_warm_up = 100
    daemons = [Daemon(*spec.split("=", 1)) for spec in args.daemons]

    print(">> warm-up: %s" % ", ".join("%d %s" % (n, op) for op, n in warm_up.items()), file=sys.stderr)
    for op, n in warm_up.items():
        for d in daemons:
            d.batch(op, n, record=False)
    for r in range(args.rounds):
        print(">> round %d/%d: %s" % (r + 1, args.rounds, ", ".join("%d %s" % (n, op) for op, n in batches.items())),
              file=sys.stderr)
        for op, n in batches.items():
            for d in daemons:
                d.batch(op, n, record=True)

    print(">> %d domains defined on each daemon for listAllDomains" % LISTED_DOMAINS, file=sys.stderr)
    for d in daemons:
        d.define_listed()
        d.batch("listAllDomains", list_warm_up, record=False)
    for r in range(args.rounds):
        print(">> round %d/%d: %d listAllDomains" % (r + 1, args.rounds, list_batch), file=sys.stderr)
        for d in daemons:
            d.batch("listAllDomains", list_batch, record=True)
    for d in daemons:
        d.undefine_listed()

    report(daemons, {})


def report(daemons, slices):
    """Prints, per operation and daemon, the median, p90 and number of calls (and the slices' medians)."""
    result = {}
    for d in daemons:
        for op, samples in d.samples.items():
            s = sorted(samples)
            result.setdefault(op, {})[d.name] = {
                "median_us": statistics.median(s) / 1000.0,
                "p90_us": percentile(s, 90) / 1000.0,
                "calls": len(s),
            }
            if op in slices.get(d.name, {}):
                result[op][d.name]["slices_us"] = slices[d.name][op]
        d.conn.close()
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()

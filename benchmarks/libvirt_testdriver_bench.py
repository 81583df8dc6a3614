#!/usr/bin/python3
"""Times libvirt's own test driver (C, in process) through python3-libvirt.

The same operations, on the same small domain XML, as jvirt's JMH benchmarks in this module
(org.jvirt.benchmarks.*); compare-libvirt.sh runs both and prints one table.

Usage:
    /usr/bin/python3 libvirt_testdriver_bench.py [--rounds N] [--scale F] [--list-large N]

Prints one JSON object on stdout, times in microseconds per call (median of the rounds' means;
each round runs the call many times back to back, timed with time.perf_counter_ns, with the
cost of the empty Python loop subtracted); progress goes to stderr. Keys:
    info, lookup_by_name, xml_desc, define_redefine, define_devices, define_new,
    list_all_1001, list_all_<N+1>, rss_bytes_per_domain, libvirt_version, rounds

Method, kept identical on the jvirt side:
  * test:///default, the running domain "test".
  * define_redefine: defineXML of one small domain with a fixed name and UUID, over and over
    (each call after the first replaces the persistent definition).
  * define_devices: the same with a domain of disks, controllers, console, graphics (post-parse at work).
  * define_new: defineXML of a small domain with a new name per call (no UUID: the driver makes
    one); the domains a round defines are undefined after it, outside the timing.
  * list_all_*: listAllDomains() with no flags on a node holding 1,000 (then N) small inactive
    domains besides "test". Freeing the returned Python objects is part of each call.
  * rss_bytes_per_domain: growth of this process's resident set while defining the N domains,
    divided by N -- libvirt's memory per defined domain, for reference.

Needs only the standard library and python3-libvirt (Debian's, for /usr/bin/python3).
"""

import argparse
import json
import os
import statistics
import sys
import time

import libvirt

# Keep identical to org.jvirt.benchmarks.Workload.smallDomain.
SMALL_DOMAIN_HEAD = "<domain type='test'>\n  <name>"
SMALL_DOMAIN_TAIL = ("</name>\n"
                     "  <memory unit='KiB'>65536</memory>\n"
                     "  <vcpu>1</vcpu>\n"
                     "  <os>\n"
                     "    <type arch='i686'>hvm</type>\n"
                     "  </os>\n"
                     "</domain>\n")
# Every post-parse rule at work; the same text as Workload.DEVICES_DOMAIN.
DEVICES_DOMAIN = ("<domain type='test'>\n"
                  "  <name>bench-devices</name>\n"
                  "  <uuid>5d1c3e2a-8b7f-4c6d-9e0a-1b2c3d4e5f60</uuid>\n"
                  "  <memory unit='KiB'>65536</memory>\n"
                  "  <vcpu>1</vcpu>\n"
                  "  <os>\n"
                  "    <type arch='i686'>hvm</type>\n"
                  "  </os>\n"
                  "  <devices>\n"
                  "    <disk type='file' device='disk'><source file='/guest/a.img'/><target dev='hda'/></disk>\n"
                  "    <disk type='file' device='disk'><source file='/guest/b.img'/><target dev='sdb'/></disk>\n"
                  "    <disk type='file' device='cdrom'><target dev='hdc' bus='ide'/></disk>\n"
                  "    <interface type='network'><source network='default'/></interface>\n"
                  "    <serial type='pty'/>\n"
                  "    <input type='mouse'/>\n"
                  "    <graphics type='vnc' port='-1' listen='127.0.0.1'/>\n"
                  "  </devices>\n"
                  "</domain>\n")
REDEFINED_NAME = "bench-redefined"
REDEFINED_UUID = "0f3c6c6e-3a4b-4f0e-9b1a-6d2b5c7e8f90"


def small_domain(name, uuid=None):
    if uuid is None:
        return SMALL_DOMAIN_HEAD + name + SMALL_DOMAIN_TAIL
    return (SMALL_DOMAIN_HEAD + name + "</name>\n  <uuid>" + uuid + "</uuid>\n"
            + SMALL_DOMAIN_TAIL[len("</name>\n"):])


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def empty_loop_ns(n):
    best = None
    for _ in range(3):
        start = time.perf_counter_ns()
        for _ in range(n):
            pass
        per = (time.perf_counter_ns() - start) / n
        best = per if best is None else min(best, per)
    return best


def rounds_of(rounds, n, body, before_round=None, after_round=None):
    """Median over rounds of the mean µs per call of body(n) (which runs the call n times)."""
    overhead = empty_loop_ns(n)
    means = []
    for _ in range(rounds):
        if before_round:
            before_round()
        start = time.perf_counter_ns()
        body(n)
        elapsed = time.perf_counter_ns() - start
        if after_round:
            after_round()
        means.append(max(elapsed / n - overhead, 0.0) / 1000.0)
    return statistics.median(means), means


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--rounds", type=int, default=5, help="rounds per operation (median taken)")
    p.add_argument("--scale", type=float, default=1.0, help="multiply every iteration count")
    p.add_argument("--list-large", type=int, default=100_000,
                   help="defined domains for the large list-all (besides 'test')")
    args = p.parse_args()
    rounds = args.rounds

    def iters(n):
        return max(1, int(n * args.scale))

    conn = libvirt.open("test:///default")
    test = conn.lookupByName("test")
    result = {"libvirt_version": libvirt.getVersion(), "rounds": rounds}

    def info(n):
        d = test
        for _ in range(n):
            d.info()

    def lookup(n):
        c = conn
        for _ in range(n):
            c.lookupByName("test")

    def xml_desc(n):
        d = test
        for _ in range(n):
            d.XMLDesc(0)

    def redefining(xml):
        """Defines xml once, and returns the body that defines it again n times."""
        conn.defineXML(xml)

        def body(n):
            c = conn
            for _ in range(n):
                c.defineXML(xml)
        return body

    redefine = redefining(small_domain(REDEFINED_NAME, REDEFINED_UUID))
    define_devices = redefining(DEVICES_DOMAIN)

    counter = [0]
    defined_in_round = []

    def define_new(n):
        c = conn
        i = counter[0]
        for k in range(i, i + n):
            c.defineXML(small_domain("bench-new-" + str(k)))
        counter[0] = i + n
        defined_in_round.append((i, i + n))

    def undefine_round():
        lo, hi = defined_in_round.pop()
        for k in range(lo, hi):
            conn.lookupByName("bench-new-" + str(k)).undefine()

    def list_all(n):
        c = conn
        for _ in range(n):
            c.listAllDomains()

    plan = [
        ("info", iters(200_000), info, None),
        ("lookup_by_name", iters(100_000), lookup, None),
        ("xml_desc", iters(20_000), xml_desc, None),
        ("define_redefine", iters(2_000), redefine, None),
        ("define_devices", iters(2_000), define_devices, None),
        ("define_new", iters(2_000), define_new, undefine_round),
    ]
    for key, n, body, after in plan:
        med, means = rounds_of(rounds, n, body, after_round=after)
        result[key] = med
        log("libvirt %-16s %10.3f us  (rounds: %s)" % (key, med, ", ".join("%.3f" % m for m in means)))

    # Listing: 1,000 then N small inactive domains besides 'test'.
    conn.lookupByName(REDEFINED_NAME).undefine()
    conn.lookupByName("bench-devices").undefine()
    small = 1_000
    for k in range(small):
        conn.defineXML(small_domain("bench-list-" + str(k)))
    count = len(conn.listAllDomains())
    med, means = rounds_of(rounds, iters(200), list_all)
    result["list_all_%d" % count] = med
    log("libvirt list_all_%-7d %10.1f us  (rounds: %s)" % (count, med, ", ".join("%.1f" % m for m in means)))

    large = args.list_large
    log("libvirt: defining %d more domains..." % (large - small))
    rss_before = rss_bytes()
    for k in range(small, large):
        conn.defineXML(small_domain("bench-list-" + str(k)))
    rss_after = rss_bytes()
    result["rss_bytes_per_domain"] = (rss_after - rss_before) / max(1, large - small)
    count = len(conn.listAllDomains())
    med, means = rounds_of(rounds, max(1, iters(3)), list_all)
    result["list_all_%d" % count] = med
    result["list_large_count"] = count
    log("libvirt list_all_%-7d %10.1f us  (rounds: %s)" % (count, med, ", ".join("%.1f" % m for m in means)))
    log("libvirt RSS growth per defined domain: %.0f bytes" % result["rss_bytes_per_domain"])

    conn.close()
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

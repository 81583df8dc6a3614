#!/usr/bin/python3
"""libvirt 9's QEMU driver, in-process (qemu:///embed), timed as QemuBenchmark times jvirt's.

Prints one JSON object: median milliseconds per operation over the rounds, and info in microseconds.
Usage: libvirt_qemu_bench.py ROOT ROUNDS SAVEDIR
"""
import json
import os
import statistics
import sys
import threading
import time

import libvirt

XML = """<domain type='qemu'><name>bench</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
<os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/><apic/></features>
<devices><emulator>/usr/bin/qemu-system-x86_64</emulator><serial type='pty'/>
<console type='pty'><target type='serial' port='0'/></console><memballoon model='virtio'/></devices></domain>"""


def main():
    root, rounds, savedir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    libvirt.virEventRegisterDefaultImpl()

    def loop():
        while True:
            libvirt.virEventRunDefaultImpl()

    threading.Thread(target=loop, daemon=True).start()
    conn = libvirt.open("qemu:///embed?root=" + root)
    # Warm-up: the first start probes QEMU's capabilities (seconds); not what is compared.
    conn.createXML(XML, 0).destroy()
    ops = {k: [] for k in ("start", "suspend", "resume", "save", "restore", "destroy", "info_us")}
    image = os.path.join(savedir, "libvirt-bench.sav")
    for _ in range(rounds):
        t = time.perf_counter()
        dom = conn.createXML(XML, 0)
        ops["start"].append((time.perf_counter() - t) * 1e3)
        n = 2000
        t = time.perf_counter()
        for _ in range(n):
            dom.info()
        ops["info_us"].append((time.perf_counter() - t) / n * 1e6)
        for _ in range(20):
            t = time.perf_counter()
            dom.suspend()
            ops["suspend"].append((time.perf_counter() - t) * 1e3)
            t = time.perf_counter()
            dom.resume()
            ops["resume"].append((time.perf_counter() - t) * 1e3)
        t = time.perf_counter()
        dom.save(image)
        ops["save"].append((time.perf_counter() - t) * 1e3)
        t = time.perf_counter()
        conn.restore(image)
        ops["restore"].append((time.perf_counter() - t) * 1e3)
        dom = conn.lookupByName("bench")
        t = time.perf_counter()
        dom.destroy()
        ops["destroy"].append((time.perf_counter() - t) * 1e3)
        os.unlink(image)
    print(json.dumps({k: statistics.median(v) for k, v in ops.items()}))
    conn.close()


if __name__ == "__main__":
    main()

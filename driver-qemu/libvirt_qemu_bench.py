#!/usr/bin/python3
"""libvirt 9's QEMU driver, in-process (qemu:///embed), timed as QemuBenchmark times jvirt's.

Prints one JSON object: median milliseconds per operation over the rounds, and info in microseconds.
Usage: libvirt_qemu_bench.py ROOT ROUNDS SAVEDIR
"""
import json
import os
import statistics
import subprocess
import sys
import threading
import time

import libvirt

XML = """<domain type='qemu'><name>bench</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
<os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/><apic/></features>
<devices><emulator>/usr/bin/qemu-system-x86_64</emulator><serial type='pty'/>
<console type='pty'><target type='serial' port='0'/></console><memballoon model='virtio'/></devices></domain>"""


# A guest as virt-install writes one for Q35 (disk, NIC, USB, video, guest-agent channel, RNG); the
# same document as QemuBenchmark.VIRT_INSTALL.
VIRT_INSTALL = """<domain type='qemu'><name>NAME</name><memory unit='KiB'>131072</memory><currentMemory unit='KiB'>131072</currentMemory>
<vcpu placement='static'>1</vcpu><os><type arch='x86_64' machine='q35'>hvm</type><boot dev='hd'/></os>
<features><acpi/><apic/></features>
<clock offset='utc'><timer name='rtc' tickpolicy='catchup'/><timer name='pit' tickpolicy='delay'/><timer name='hpet' present='no'/></clock>
<on_poweroff>destroy</on_poweroff><on_reboot>restart</on_reboot><on_crash>destroy</on_crash>
<pm><suspend-to-mem enabled='no'/><suspend-to-disk enabled='no'/></pm>
<devices><emulator>/usr/bin/qemu-system-x86_64</emulator>
<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='DISK'/><target dev='vda' bus='virtio'/></disk>
<controller type='usb' model='qemu-xhci' ports='15'/>
<interface type='user'><model type='virtio'/></interface>
<console type='pty'/>
<channel type='unix'><source mode='bind'/><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
<input type='tablet' bus='usb'/>
<graphics type='vnc' port='-1'/>
<video><model type='virtio'/></video>
<memballoon model='virtio'/>
<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>
</devices></domain>"""


def virt_install(name, disk):
    return VIRT_INSTALL.replace("NAME", name).replace("DISK", disk)


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
    ops = {k: [] for k in ("start", "suspend", "resume", "save", "restore", "destroy", "info_us", "define_vi_us",
                           "start_vi")}
    disk = os.path.join(savedir, "libvirt-vi.qcow2")
    subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", disk, "1G"], check=True)
    conn.createXML(virt_install("vi-warm", disk), 0).destroy()
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
        n = 200
        t = time.perf_counter()
        for i in range(n):
            conn.defineXML(virt_install("vi-%d" % i, disk))
        ops["define_vi_us"].append((time.perf_counter() - t) / n * 1e6)
        for i in range(n):
            conn.lookupByName("vi-%d" % i).undefine()
        t = time.perf_counter()
        dom = conn.createXML(virt_install("vi", disk), 0)
        ops["start_vi"].append((time.perf_counter() - t) * 1e3)
        dom.destroy()
    os.unlink(disk)
    print(json.dumps({k: statistics.median(v) for k, v in ops.items()}))
    conn.close()


if __name__ == "__main__":
    main()

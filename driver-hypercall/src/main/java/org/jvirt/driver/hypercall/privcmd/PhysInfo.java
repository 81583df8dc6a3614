package org.jvirt.driver.hypercall.privcmd;

/**
 * The host as {@code sysctl physinfo} describes it, the same whatever the interface version.
 *
 * @param threadsPerCore hardware threads of a core
 * @param coresPerSocket cores of a socket
 * @param nrCpus CPUs online (before Xen 3.2, the product of the topology)
 * @param maxCpuId the highest CPU id possible, or {@code nrCpus - 1} where the version does not say
 * @param nrNodes NUMA nodes online
 * @param cpuKhz the CPU clock, in kHz
 * @param totalPages the host's memory, in pages
 * @param freePages memory no domain has, in pages
 * @param hvm whether the host runs fully virtualised guests, or null where the version does not say
 * @param hwCap {@code hw_cap}: the host's CPU feature words (Xen 4.7 on: in Xen's featureset order)
 *
 * @since 1.0
 */
public record PhysInfo(int threadsPerCore, int coresPerSocket, int nrCpus, int maxCpuId, int nrNodes, int cpuKhz,
                       long totalPages, long freePages, Boolean hvm, int[] hwCap) {
    public PhysInfo {
        hwCap = hwCap.clone();
    }

    @Override
    public int[] hwCap() {
        return hwCap.clone();
    }
}

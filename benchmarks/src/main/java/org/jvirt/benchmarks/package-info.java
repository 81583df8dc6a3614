/**
 * jvirt's performance benchmarks on {@code test:///default}, and their comparison with libvirt's
 * own test driver; and issue 12's define on the QEMU driver ({@code qemu:///embed}).
 *
 * <h2>Running</h2>
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests        # builds benchmarks/target/benchmarks.jar
 * java -jar benchmarks/target/benchmarks.jar               # every JMH benchmark, its own defaults
 * java -jar benchmarks/target/benchmarks.jar -f 1 -wi 3 -w 1 -i 5 -r 1 DomainOps   # short run, one class
 * java -jar benchmarks/target/benchmarks.jar ListAll -p defined=100000             # one parameter value
 * java -cp benchmarks/target/benchmarks.jar org.jvirt.benchmarks.HeapPerDomain 100000
 * benchmarks/compare-libvirt.sh                            # side by side with libvirt, one table
 * </pre>
 * The build never runs JMH; {@code ./mvnw verify} only runs {@code BenchmarkSmokeTest}, which calls
 * every benchmark method once through its set-up and tear-down.
 *
 * <h2>What is measured</h2>
 * <ul>
 *   <li>{@link org.jvirt.benchmarks.DomainOpsBenchmark}: {@code Domain.info()},
 *       {@code Connection.domainByName("test")}, {@code Domain.xmlDesc()}, and
 *       {@code Connection.defineDomain} of one small domain with a fixed name and UUID over and
 *       over (a redefinition, keeping the node's size constant).</li>
 *   <li>{@link org.jvirt.benchmarks.DefineNewBenchmark}: {@code defineDomain} with a new name per
 *       call; each iteration's domains are undefined after it, outside the measurement. libvirt's
 *       test driver takes the same time (~80 µs) either way; both are compared.</li>
 *   <li>{@link org.jvirt.benchmarks.DefineVirtInstallBenchmark}: {@code defineDomain} of the Q35 guest
 *       virt-install writes on {@code qemu:///embed}, a new name per call, in bursts of 200 as
 *       {@code driver-qemu/compare-libvirt.sh} times it (the write to the journal included), warmed up alike;
 *       needs {@code qemu-system-x86_64}, probed once and never started.</li>
 *   <li>{@link org.jvirt.benchmarks.ListAllBenchmark}: {@code listAllDomains()} with 1,000 and
 *       100,000 small inactive domains defined besides {@code test}.</li>
 *   <li>{@link org.jvirt.benchmarks.HeapPerDomain}: used heap per defined domain after full GCs.</li>
 * </ul>
 * Average time per operation, one thread, one fork. The forked JVM runs with a fixed, pre-touched
 * 2 GiB heap ({@code -Xms2g -Xmx2g -XX:+AlwaysPreTouch}), as a server JVM would: with a growing
 * heap, G1 commits fresh memory while the benchmark runs, and first-touch page faults on this kind
 * of machine (several µs per 4 KiB page) made {@code defineDomain} bimodal (7 µs or 70 µs per call,
 * alternating by the second) and {@code listAllDomains()} of 100,000 domains five times slower
 * (24 ms instead of 5 ms). Override with {@code -jvmArgsAppend}.
 */
package org.jvirt.benchmarks;

#!/usr/bin/env bash
# Opening the QEMU driver in-process, jvirsh against libvirt's virsh, as whole processes:
#
#   benchmarks/qemu-open-compare.sh [RUNS] [START_RUNS]   (default 30 runs of each list, 12 of each start)
#
# On qemu:///embed?root=DIR (the QEMU driver inside the command's own process: no daemon on either
# side), with 10 defined domains in each root, it measures, interleaved (so that a noisy machine
# slows every command alike) and after warm-up runs, the median wall-clock time of
#   - `list --all` through virsh and through jvirsh;
#   - `start` of a tiny guest (one of the 10: <domain type='qemu'>, x86_64, 64 MiB, no disk),
#     through virsh and through jvirsh, each followed by a `destroy` outside the timed part;
#   - the JVM floor: a hello world run with jvirsh's JVM options (those of the launcher);
#   - QEMU alone: the very command line jvirsh runs for the guest (domxml-to-native qemu-argv),
#     timed from its spawn until QMP has answered qmp_capabilities and cont, the part of any start
#     that neither jvirsh nor virsh can shorten (measured by python3, left out when it is missing).
# and prints the ratios that issue 11 (item 4) sets targets for:
#   jvirsh list / virsh list  <= 1.0
#   jvirsh start <= jvirsh list + 100 ms
#
# virsh's embedded QEMU driver refuses to open as root on a host without the 'libvirt-qemu' user
# ("Failed to parse user 'libvirt-qemu'", before it reads any qemu.conf), so as root this script
# runs virsh as nobody (setpriv, from util-linux) on a root directory nobody owns; started guests
# need DIR/etc/qemu.conf with stdio_handler = "file" (no virtlogd). jvirsh runs as the caller.
# Nothing is installed; everything lives in a temporary directory removed at the end, and every
# guest started is stopped.
#
# Needs virsh (Debian: libvirt-clients, libvirt-daemon-driver-qemu), qemu-system-x86_64 and a built
# jvirsh (./mvnw -q -DskipTests package). JVIRSH=/path/to/jvirsh measures another launcher (such as
# an older build's), VIRSH=/path/to/virsh another virsh.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
runs="${1:-30}"
start_runs="${2:-12}"
virsh="${VIRSH:-virsh}"
jvirsh="${JVIRSH:-$root/jvirsh}"
domains=10
guest=tiny0

command -v "$virsh" >/dev/null || {
    echo "virsh not found (Debian: apt-get install libvirt-clients libvirt-daemon-driver-qemu)" >&2
    exit 1
}
command -v qemu-system-x86_64 >/dev/null || {
    echo "qemu-system-x86_64 not found (Debian: apt-get install qemu-system-x86)" >&2
    exit 1
}
[ -x "$jvirsh" ] || { echo "no launcher at $jvirsh" >&2; exit 1; }

java_cmd="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java_cmd="$JAVA_HOME/bin/java"
fi
# The floor runs with the launcher's own JVM options (JVIRSH_PRINT_JAVA_OPTS=1; from the text of an older
# launcher, its default between 'opts="${JVIRSH_JAVA_OPTS:-' and '}"'), minus what only matters to
# jvirsh: its archive and system properties.
if grep -q JVIRSH_PRINT_JAVA_OPTS "$jvirsh"; then
    floor_opts="$(JVIRSH_PRINT_JAVA_OPTS=1 "$jvirsh" </dev/null)"
else
    floor_opts="$(awk '/opts="\$\{JVIRSH_JAVA_OPTS:-/ { on = 1; sub(/.*JVIRSH_JAVA_OPTS:-/, "") }
        on { line = $0; if (sub(/\}".*/, "", line)) { print line; exit } print line }' "$jvirsh")"
fi
floor_opts="$(printf '%s\n' "$floor_opts" | tr '\n' ' ' | tr -s ' ' | sed -e 's/-D[^ ]*//g' -e 's/-Xlog:[^ ]*//g')"
case "$floor_opts" in
    *-X*) ;;
    *) echo "cannot read the JVM options of $jvirsh" >&2; exit 1 ;;
esac

work="$(mktemp -d)"
chmod 711 "$work"  # nobody must reach its own directory inside
jroot="$work/jvirsh"
vroot="$work/virsh"
mkdir -p "$jroot" "$vroot/etc"
printf 'stdio_handler = "file"\n' >"$vroot/etc/qemu.conf"

juri="qemu:///embed?root=$jroot"
vuri="qemu:///embed?root=$vroot"
jv=("$jvirsh" -c "$juri")
if [ "$(id -u)" = 0 ]; then
    command -v setpriv >/dev/null || { echo "setpriv not found (util-linux), needed to run virsh as nobody" >&2; exit 1; }
    chown -R 65534:65534 "$vroot"
    vv=(setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$vroot" "$virsh" -c "$vuri")
else
    vv=(env HOME="$vroot" "$virsh" -c "$vuri")
fi

# Stops what the QEMU of one root runs, by the pid files of its run directory: ours alone.
stop_guests() {
    local f pid
    for f in "$1"/run/qemu/tiny*.pid; do
        [ -f "$f" ] || continue
        pid="$(tr -dc 0-9 <"$f")"
        if [ -n "$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "guest=tiny.*$1/"; then
            kill -9 "$pid" 2>/dev/null || true
        fi
    done
}
cleanup() {
    "${jv[@]}" destroy "$guest" >/dev/null 2>&1 || true
    "${vv[@]}" destroy "$guest" >/dev/null 2>&1 || true
    stop_guests "$jroot"
    stop_guests "$vroot"
    rm -rf "$work"
}
trap cleanup EXIT

# QEMU alone: spawn, connect to the monitor as soon as it listens, negotiate, cont; prints microseconds.
cat >"$work/qemu_alone.py" <<'PY'
import json, os, shlex, socket, subprocess, sys, time
argv = shlex.split(open(sys.argv[1]).read().replace("\\\n", " "))
sock = sys.argv[2]
argv = [a if not a.startswith("socket,id=charmonitor,") else
        "socket,id=charmonitor,path=%s,server=on,wait=off" % sock for a in argv]
if os.path.exists(sock):
    os.unlink(sock)
t0 = time.monotonic()
qemu = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                        start_new_session=True)
try:
    while True:
        s = socket.socket(socket.AF_UNIX)
        try:
            s.connect(sock)
            break
        except OSError:
            s.close()
            if qemu.poll() is not None:
                sys.exit("QEMU exited with status %d" % qemu.returncode)
            time.sleep(0.0002)
    f = s.makefile("rwb")
    f.readline()
    for cmd in ("qmp_capabilities", "cont"):
        f.write(json.dumps({"execute": cmd}).encode() + b"\n")
        f.flush()
        while b'"return"' not in f.readline():
            pass
    print(int((time.monotonic() - t0) * 1e6))
finally:
    qemu.kill()
    qemu.wait()
PY
python=""
command -v python3 >/dev/null && python=python3

hello_dir="$work/hello"
mkdir -p "$hello_dir"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hi"); } }\n' \
    >"$hello_dir/Hello.java"
(cd "$hello_dir" && javac Hello.java)

for ((i = 0; i < domains; i++)); do
    xml="$work/tiny$i.xml"
    printf "<domain type='qemu'><name>tiny%d</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>%s</domain>\n" \
        "$i" "<os><type arch='x86_64' machine='pc'>hvm</type></os>" >"$xml"
    chmod 644 "$xml"
    "${jv[@]}" define "$xml" >/dev/null || { echo "jvirsh cannot define on $juri" >&2; exit 1; }
    "${vv[@]}" define "$xml" >/dev/null || { echo "virsh cannot define on $vuri" >&2; exit 1; }
done

if [ -n "$python" ]; then
    "${jv[@]}" domxml-to-native qemu-argv "$work/$guest.xml" >"$work/qemu.argv" \
        || { echo "jvirsh cannot print the QEMU command line of $guest" >&2; exit 1; }
fi

declare -A times
now_us() { local t; t=$(date +%s%N); echo $((t / 1000)); }
# Runs one timed command (by its index); a failure makes every figure meaningless, so it stops here.
timed() {
    local i=$1 t0 t1
    shift
    t0=$(now_us)
    if ! "$@" >/dev/null 2>"$work/err"; then
        echo "failed: $* ($(head -c 300 "$work/err"))" >&2
        exit 1
    fi
    t1=$(now_us)
    times[$i]+="$((t1 - t0)) "
}
# A destroy outside the timed part; virsh's embedded driver sometimes reports a guest it is still
# reconnecting to as not running while it stops it, so what counts is that QEMU is gone after.
untimed_destroy() {
    local dir=$1 n
    shift
    "$@" destroy "$guest" >/dev/null 2>&1 || true
    for ((n = 0; n < 50; n++)); do
        pgrep -f -- "guest=$guest,.*$dir/" >/dev/null || return 0
        sleep 0.1
    done
    stop_guests "$dir"
}

# QEMU alone, timed by itself (the Python interpreter's start is not QEMU's).
qemu_alone() {
    local us
    us=$("$python" "$work/qemu_alone.py" "$work/qemu.argv" "$work/alone.qmp") || { echo "QEMU alone failed" >&2; exit 1; }
    times[5]+="$us "
}

names=("virsh list --all" "jvirsh list --all" "virsh start" "jvirsh start" "JVM floor (hello world)"
    "QEMU alone (to QMP cont)")
round() {  # one interleaved round; $1: whether the starts run in it too
    timed 0 "${vv[@]}" list --all
    timed 1 "${jv[@]}" list --all
    timed 4 "$java_cmd" $floor_opts -cp "$hello_dir" Hello
    if [ "$1" = yes ]; then
        timed 2 "${vv[@]}" start "$guest"
        untimed_destroy "$vroot" "${vv[@]}"
        timed 3 "${jv[@]}" start "$guest"
        untimed_destroy "$jroot" "${jv[@]}"
        if [ -n "$python" ]; then
            qemu_alone
        fi
    fi
}
for ((w = 0; w < 3; w++)); do
    round yes
done
unset times
declare -A times
for ((r = 0; r < runs; r++)); do
    round "$([ "$r" -lt "$start_runs" ] && echo yes || echo no)"
done

median_ms() {
    tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -n | awk '{a[NR] = $1} END {
        m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'
}

echo "qemu:///embed with $domains defined domains; start of $guest (64 MiB, no disk, TCG)"
printf '%-28s %10s\n' "command" "median"
declare -a medians
for i in "${!names[@]}"; do
    if [ -z "${times[$i]:-}" ]; then
        medians[$i]=""
        printf '%-28s %11s\n' "${names[$i]}" "(no python3)"
        continue
    fi
    medians[$i]=$(median_ms "${times[$i]}")
    printf '%-28s %8s ms\n' "${names[$i]}" "${medians[$i]}"
done
echo
awk -v vl="${medians[0]}" -v jl="${medians[1]}" -v vs="${medians[2]}" -v js="${medians[3]}" -v f="${medians[4]}" \
    -v q="${medians[5]}" -v n="$runs" -v s="$start_runs" 'BEGIN {
    printf "jvirsh list / virsh list     = %.2f x   (target <= 1.0: %s)\n", jl / vl, jl <= vl ? "met" : "not met"
    printf "JVM floor / virsh list       = %.2f x   (what any Java command line starts from)\n", f / vl
    printf "jvirsh start - jvirsh list   = %.1f ms  (target <= 100 ms: %s)\n", js - jl, js - jl <= 100 ? "met" : "not met"
    if (q != "")
        printf "  of which QEMU alone        = %.1f ms, the rest (jvirsh at work) %.1f ms\n", q, js - jl - q
    printf "jvirsh start / virsh start   = %.2f x\n", js / vs
    printf "(%d runs of each list and of the floor, %d of each start; medians)\n", n, s }'

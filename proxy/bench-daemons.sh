# bench-daemons.sh -- sourced by the proxy's benchmark scripts (bench-python.sh, bench-remote.sh): starts
# Debian's libvirtd serving libvirt's test driver and jvirtd from the checkout, each on private sockets
# in a temporary directory, and stops both (by their process ids) when the script exits.
#
# After `bench_daemons_start NAME` (NAME prefixes messages and the temporary directory):
#   BENCH_TMP              the temporary directory (daemon logs under libvirtd/ and jvirtd/)
#   BENCH_LIBVIRTD_SOCKET  libvirtd's read-write socket
#   BENCH_JVIRTD_SOCKET    jvirtd's read-write socket
# Set BENCH_KEEP=1 before it to keep the temporary directory. Needs proxy/daemon/target/jvirtd.jar,
# /usr/sbin/libvirtd, and bash's `set -euo pipefail` in the caller.

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_LIBVIRTD=/usr/sbin/libvirtd
bench_libvirtd_pid=""
bench_jvirtd_pid=""

bench_die() { echo "$BENCH_NAME: $*" >&2; exit 2; }

bench_daemons_stop() {
    for pid in $bench_jvirtd_pid $bench_libvirtd_pid; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in $bench_jvirtd_pid $bench_libvirtd_pid; do
        for _ in $(seq 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
    done
    if [[ ${BENCH_KEEP:-0} == 1 ]]; then
        echo "$BENCH_NAME: kept $BENCH_TMP" >&2
    else
        rm -rf "$BENCH_TMP"
    fi
}

bench_daemons_start() {
    BENCH_NAME="$1"
    local jar="$BENCH_ROOT/proxy/daemon/target/jvirtd.jar"
    [[ -f $jar ]] || bench_die "$jar is missing; build it with: (cd '$BENCH_ROOT' && ./mvnw -o -q -pl proxy/daemon -am package -DskipTests)"
    [[ -x $BENCH_LIBVIRTD ]] || bench_die "$BENCH_LIBVIRTD is missing (Debian: apt-get install -y --no-install-recommends libvirt-daemon)"
    BENCH_TMP="$(mktemp -d "/tmp/$BENCH_NAME.XXXXXX")"
    trap bench_daemons_stop EXIT
    trap 'exit 2' INT TERM

    mkdir -p "$BENCH_TMP/libvirtd/run" "$BENCH_TMP/libvirtd/no-drivers" "$BENCH_TMP/jvirtd"
    cat > "$BENCH_TMP/libvirtd/libvirtd.conf" <<CONF
unix_sock_dir = "$BENCH_TMP/libvirtd/run"
unix_sock_group = "root"
unix_sock_ro_perms = "0777"
unix_sock_rw_perms = "0770"
auth_unix_ro = "none"
auth_unix_rw = "none"
listen_tls = 0
listen_tcp = 0
CONF
    # an empty driver directory keeps libvirtd's QEMU module from loading: the test driver alone
    LIBVIRT_DRIVER_DIR="$BENCH_TMP/libvirtd/no-drivers" "$BENCH_LIBVIRTD" --config "$BENCH_TMP/libvirtd/libvirtd.conf" \
        --pid-file "$BENCH_TMP/libvirtd/pid" > "$BENCH_TMP/libvirtd/log" 2>&1 &
    bench_libvirtd_pid=$!
    (cd "$BENCH_ROOT" && exec ./jvirtd --socket-dir "$BENCH_TMP/jvirtd") > "$BENCH_TMP/jvirtd/log" 2>&1 &
    bench_jvirtd_pid=$!
    BENCH_LIBVIRTD_SOCKET="$BENCH_TMP/libvirtd/run/libvirt-sock"
    BENCH_JVIRTD_SOCKET="$BENCH_TMP/jvirtd/libvirt-sock"

    for _ in $(seq 300); do
        [[ -S $BENCH_LIBVIRTD_SOCKET && -S $BENCH_JVIRTD_SOCKET ]] && break
        kill -0 "$bench_libvirtd_pid" 2>/dev/null || bench_die "libvirtd exited: $(cat "$BENCH_TMP/libvirtd/log")"
        kill -0 "$bench_jvirtd_pid" 2>/dev/null || bench_die "jvirtd exited: $(cat "$BENCH_TMP/jvirtd/log")"
        sleep 0.1
    done
    [[ -S $BENCH_LIBVIRTD_SOCKET ]] || bench_die "libvirtd made no socket within 30 s: $(cat "$BENCH_TMP/libvirtd/log")"
    [[ -S $BENCH_JVIRTD_SOCKET ]] || bench_die "jvirtd made no socket within 30 s: $(cat "$BENCH_TMP/jvirtd/log")"
    echo ">> libvirtd $("$BENCH_LIBVIRTD" --version | awk '{print $NF}') (pid $bench_libvirtd_pid) and jvirtd (pid $bench_jvirtd_pid)" >&2
}

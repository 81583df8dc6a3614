#!/usr/bin/env bash
# Start-up of jvirsh against libvirt's virsh, as whole processes:
#
#   cli/startup-compare.sh [RUNS]            (default 40 runs of each)
#
# runs `virsh -c test:///default list --all` and `./jvirsh -c test:///default list --all` RUNS
# times each, interleaved (so that a noisy machine slows both alike), after a few warm-up runs,
# and prints the median wall-clock time of each and their ratio. Variants of jvirsh are measured
# too, to show where the time goes: without the class-data-sharing archive (JVIRSH_CDS=off), and
# a bare JVM printing one line (the floor any Java command line starts from).
#
# Needs a built jvirsh (./mvnw -q -DskipTests install) and virsh (Debian: libvirt-clients).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
runs="${1:-40}"
virsh="${VIRSH:-virsh}"
jvirsh="$root/jvirsh"
args=(-c test:///default list --all)

command -v "$virsh" >/dev/null || { echo "virsh not found (Debian: apt-get install libvirt-clients)" >&2; exit 1; }
[ -x "$jvirsh" ] || { echo "no launcher at $jvirsh" >&2; exit 1; }
"$jvirsh" "${args[@]}" >/dev/null || { echo "jvirsh does not run: build it first (./mvnw -q -DskipTests install)" >&2; exit 1; }

java_cmd="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java_cmd="$JAVA_HOME/bin/java"
fi
hello_dir="$(mktemp -d)"
trap 'rm -rf "$hello_dir"' EXIT
printf 'public class Hello { public static void main(String[] a) { System.out.println("hi"); } }\n' \
    > "$hello_dir/Hello.java"
(cd "$hello_dir" && javac Hello.java)

# The floor: the JDK's own archive and jvirsh's JVM options (as the launcher prints them, without its
# logging and system properties), printing one line.
floor_opts="$(JVIRSH_PRINT_JAVA_OPTS=1 "$jvirsh" </dev/null | sed -e 's/-D[^ ]*//g' -e 's/-Xlog:[^ ]*//g')"
names=("virsh" "jvirsh" "jvirsh, no CDS archive" "JVM floor (hello world)")
commands=(
    "$virsh ${args[*]}"
    "$jvirsh ${args[*]}"
    "env JVIRSH_CDS=off $jvirsh ${args[*]}"
    "$java_cmd $floor_opts -cp $hello_dir Hello"
)

declare -A times
now_us() { local t; t=$(date +%s%N); echo $((t / 1000)); }
for ((w = 0; w < 3; w++)); do
    for c in "${commands[@]}"; do $c >/dev/null 2>&1; done
done
for ((r = 0; r < runs; r++)); do
    for i in "${!commands[@]}"; do
        t0=$(now_us)
        ${commands[$i]} >/dev/null 2>&1
        t1=$(now_us)
        times[$i]+="$((t1 - t0)) "
    done
done

median_ms() {
    tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -n | awk '{a[NR] = $1} END {
        m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'
}

printf '%-28s %10s\n' "command (${args[*]})" "median"
declare -a medians
for i in "${!commands[@]}"; do
    medians[$i]=$(median_ms "${times[$i]}")
    printf '%-28s %8s ms\n' "${names[$i]}" "${medians[$i]}"
done
echo
awk -v j="${medians[1]}" -v v="${medians[0]}" -v n="$runs" \
    'BEGIN { printf "jvirsh / virsh = %.1f x   (%d runs each, medians)\n", j / v, n }'

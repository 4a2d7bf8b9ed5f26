#!/usr/bin/env bash
# Footprint of `./kiwiops run` (issue 14, item 5): time from starting the launcher to the first
# /readyz 200, and the resident memory after an idle period, with both chat platforms connected to
# the adapters' fakes (fake Telegram Bot API, fake Discord REST + gateway) and a simulated fleet of
# 50 KiwiVM servers. Builds what is missing, runs everything on loopback, prints one summary line
# and stops every process it started.
#
#   benchmarks/scripts/footprint.sh                 # 50 servers, 30 s idle
#   FOOTPRINT_SERVERS=100 FOOTPRINT_IDLE_S=60 benchmarks/scripts/footprint.sh
#   KIWIOPS_JAVA_OPTS="-XX:+UseG1GC" benchmarks/scripts/footprint.sh   # extra JVM flags (launcher)
#   FOOTPRINT_KEEP=1 ...                            # keep the work directory (config, logs)
#   FOOTPRINT_THREADS=1 ...                         # also list the JVM's threads by name
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
servers="${FOOTPRINT_SERVERS:-50}"
idle="${FOOTPRINT_IDLE_S:-30}"
fakes_jar="$root/benchmarks/target/benchmarks.jar"
kiwiops_jar="$root/config/target/kiwiops.jar"

for tool in java curl; do
  command -v "$tool" >/dev/null || { echo "footprint: $tool is required" >&2; exit 2; }
done

# ---- build (only when a jar is missing or older than a source or pom): the launcher would
# otherwise build inside the measured start-up.
stale() {
  local jar="$1"
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$root" -name target -prune -o -name .git -prune -o \
      \( -path '*/src/*' -o -name pom.xml \) -type f -newer "$jar" -print -quit 2>/dev/null)" ]
}
if stale "$fakes_jar" || stale "$kiwiops_jar"; then
  echo "footprint: building kiwiops and the benchmarks (a few minutes the first time)…" >&2
  "$root/mvnw" -q -B -f "$root/pom.xml" -DskipTests -Dspotless.check.skip=true \
    -pl config,benchmarks -am package >&2
  touch "$kiwiops_jar" "$fakes_jar"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/kiwiops-footprint.XXXXXX")"
chmod 0700 "$work"
fakes_pid=""
run_pid=""

cleanup() {
  local status=$?
  if [ -n "$run_pid" ] && kill -0 "$run_pid" 2>/dev/null; then
    kill -TERM "$run_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$run_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$run_pid" 2>/dev/null || true
  fi
  if [ -n "$fakes_pid" ] && kill -0 "$fakes_pid" 2>/dev/null; then
    kill -TERM "$fakes_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$fakes_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$fakes_pid" 2>/dev/null || true
  fi
  wait 2>/dev/null || true
  if [ -n "${FOOTPRINT_KEEP:-}" ]; then
    echo "footprint: kept $work" >&2
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  echo "footprint: $*" >&2
  [ -f "$work/run.log" ] && tail -20 "$work/run.log" >&2
  exit 1
}

# ---- the fakes and the simulated fleet, in one small JVM of their own
java -Xmx256m -XX:+UseSerialGC -Dsun.net.httpserver.nodelay=true \
  -cp "$fakes_jar" dev.kiwiops.benchmarks.FootprintFakes "$work" "$servers" \
  >"$work/fakes.log" 2>&1 &
fakes_pid=$!
for _ in $(seq 1 600); do
  grep -q '^FAKES READY' "$work/fakes.log" 2>/dev/null && break
  kill -0 "$fakes_pid" 2>/dev/null || { cat "$work/fakes.log" >&2; fail "the fakes did not start"; }
  sleep 0.1
done
port="$(sed -n 's/^FAKES READY http-port=\([0-9]*\).*/\1/p' "$work/fakes.log")"
[ -n "$port" ] || fail "the fakes were not ready within 60 s"

# ---- kiwiops run: from the launcher's start to the first /readyz 200
mkdir -m 0700 "$work/data"
load_before="$(cut -d' ' -f1 /proc/loadavg)"
t0=$(date +%s%N)
"$root/kiwiops" run --config "$work/kiwiops.yml" >"$work/run.log" 2>&1 &
run_pid=$!
ready_ms=""
for _ in $(seq 1 3000); do
  if curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$port/readyz" 2>/dev/null; then
    ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    break
  fi
  kill -0 "$run_pid" 2>/dev/null || fail "kiwiops run exited before it was ready"
  sleep 0.02
done
[ -n "$ready_ms" ] || fail "kiwiops run was not ready within 60 s"
# CPU time (user + system) the JVM has used: less sensitive to a busy machine than wall time.
hz=$(getconf CLK_TCK)
cpu_ms() { awk -v hz="$hz" '{ sub(/^.*\) /, ""); printf "%d", ($12 + $13) * 1000 / hz }' "/proc/$run_pid/stat"; }
cpu_ready=$(cpu_ms)

# Milliseconds from the launch to a log line (the log's time of day, HH:MM:SS.mmm, local time).
launch_of_day=$(( (t0 / 1000000 - ($(date -d "$(date +%F) 00:00:00" +%s) * 1000)) ))
since_launch() {
  grep -m1 -- "$1" "$work/run.log" | awk -v base="$launch_of_day" '{
    split($1, t, "[:.]"); ms = ((t[1] * 60 + t[2]) * 60 + t[3]) * 1000 + t[4];
    printf "%.1f", (ms - base) / 1000 }' || true
}
stages="migrated $(since_launch 'store: ')s, telegram $(since_launch 'Telegram: @')s, discord+watcher $(since_launch 'watcher: ')s"

# ---- idle, then the process's own figures
sleep "$idle"
kill -0 "$run_pid" 2>/dev/null || fail "kiwiops run exited while idle"
curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$port/healthz" || fail "not healthy after $idle s"
cpu_idle=$(( $(cpu_ms) - cpu_ready ))
rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$run_pid/status")
threads=$(awk '/^Threads:/ {print $2}' "/proc/$run_pid/status")
load_after="$(cut -d' ' -f1 /proc/loadavg)"

heap="heap n/a (no jcmd/jstat)"
if command -v jcmd >/dev/null && command -v jstat >/dev/null; then
  jcmd "$run_pid" GC.run >/dev/null 2>&1 || true
  # jstat -gc: capacities (…C) and use (…U) in KB; column names, not positions.
  heap=$(jstat -gc "$run_pid" | awk '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    { used = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"];
      cap = $col["S0C"] + $col["S1C"] + $col["EC"] + $col["OC"];
      printf "heap after GC %.1f MB of %.0f MB committed, metaspace %.1f MB", used / 1024, cap / 1024, $col["MU"] / 1024 }')
fi
if [ -n "${FOOTPRINT_THREADS:-}" ] && command -v jcmd >/dev/null; then
  # Thread names with their numbers folded: which pools the threads belong to.
  jcmd "$run_pid" Thread.print 2>/dev/null | sed -n 's/^"\([^"]*\)".*/\1/p' \
    | sed 's/[0-9][0-9]*/N/g' | sort | uniq -c | sort -rn >&2
fi
# The JVM's flags as the launcher passed them, and the collector it chose.
flags=$(jcmd "$run_pid" VM.command_line 2>/dev/null | sed -n 's/^jvm_args: //p' | sed 's/ *$//' || true)
gc=$(jcmd "$run_pid" VM.flags 2>/dev/null | grep -o -- '-XX:+Use[A-Za-z0-9]*GC' | head -1 || true)

printf 'footprint: ready %d.%02d s (CPU %d.%01d s), idle RSS %d MB after %d s (CPU %d.%01d s), %s, threads %d | %s servers, telegram+discord on fakes | %s | nproc %s, load %s→%s | %s, JVM flags: %s\n' \
  $((ready_ms / 1000)) $(((ready_ms % 1000) / 10)) $((cpu_ready / 1000)) $(((cpu_ready % 1000) / 100)) \
  $((rss_kb / 1024)) "$idle" $((cpu_idle / 1000)) $(((cpu_idle % 1000) / 100)) "$heap" "$threads" \
  "$servers" "$stages" "$(nproc)" "$load_before" "$load_after" "${gc:-gc ?}" "${flags:-?}"

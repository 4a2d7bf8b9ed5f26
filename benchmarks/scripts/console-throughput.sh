#!/usr/bin/env bash
# Console throughput: how many cached commands per second `./kiwiops console` answers, with the
# default SQLite audit trail (every command audited), against the KiwiVM simulator.
#
#   benchmarks/scripts/console-throughput.sh [LINES] [COMMAND]      # defaults: 3000 "info web1"
#
# Builds the jar if needed (through ./kiwiops), starts `./kiwiops simulator` on a free port, writes
# a configuration for its demo fleet with a fresh SQLite store in a temporary folder, then runs the
# console twice: once with 1 line (start-up, the first upstream call, quit) and once with LINES
# lines, REPEAT times each (default 3). commands/s = (LINES - 1) / (median time of the long runs -
# median time of the short runs), so JVM start-up and the one cache miss are left out. It prints
# the machine's load average before and after, and checks that the store holds one audit entry per
# command. The console runs through ./kiwiops, with its JVM flags; more: KIWIOPS_JAVA_OPTS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lines="${1:-3000}"
command="${2:-info web1}"
work="$(mktemp -d "${TMPDIR:-/tmp}/kiwiops-throughput.XXXXXX")"
sim_pid=""
cleanup() {
  if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Build once, up front (the launcher rebuilds when sources are newer than the jar), so that no
# build can fall inside the timed runs; they then run through the launcher, with its JVM flags.
"$root/kiwiops" --help >/dev/null
kiwiops=("$root/kiwiops")

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18181)"
"${kiwiops[@]}" simulator --port "$port" >"$work/simulator.log" 2>&1 &
sim_pid=$!
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  sleep 0.1
done

cat >"$work/kiwiops.yml" <<YAML
kiwivm: { api-url: "http://127.0.0.1:$port/v1" }
servers:
  web1:    { veid: 1001, api-key: "private_OhbVrpoiVgRV5IfLBcbfnoGM", tags: [prod, web] }
  db1:     { veid: 1002, api-key: "private_bJmTPSIAoCLrZ3aWZkSBvrjn", tags: [prod, db] }
  legacy1: { veid: 1003, api-key: "private_9Wvgfygw2wMqZcUDIh7yfJs1", tags: [legacy] }
access:
  - { user: "console:bench", roles: [admin] }
store: { url: "jdbc:sqlite:$work/store/kiwiops.db" }
YAML

run() { # LINES -> elapsed milliseconds; the replies go to $work/out.N
  local n="$1" start end
  start=$(date +%s%N)
  yes "$command" | head -n "$n" |
    "${kiwiops[@]}" console --config "$work/kiwiops.yml" --user bench --no-watch \
      >"$work/out.$n" 2>"$work/err.$n"
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

# Start-up varies by a few hundred milliseconds from one JVM to the next, as much as the long run's
# work: each pair runs REPEAT times (default 3) and the medians are compared.
repeat="${REPEAT:-3}"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
shorts=() longs=()
for _ in $(seq 1 "$repeat"); do
  shorts+=("$(run 1)")
  rm -rf "$work/store"
  longs+=("$(run "$lines")")
done
short=$(printf '%s\n' "${shorts[@]}" | median)
long=$(printf '%s\n' "${longs[@]}" | median)
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -s "$work/err.$lines" ]; then
  echo "standard error of the long run (first lines):"; head -n 5 "$work/err.$lines"
fi
audited="$(python3 - "$work/store/kiwiops.db" <<'PY' 2>/dev/null || echo "?"
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("select count(*) from audit_entry").fetchone()[0])
PY
)"
delta=$((long - short))
[ "$delta" -le 0 ] && delta=1
echo "1 line: ${shorts[*]} ms (median ${short}); ${lines} lines: ${longs[*]} ms (median ${long}); difference ${delta} ms"
echo "audit entries in the store after the last long run: ${audited} (expected ${lines})"
awk -v n="$lines" -v d="$delta" 'BEGIN { printf "throughput: %.0f commands/s (%.3f ms per command)\n", (n - 1) * 1000 / d, d / (n - 1) }'

#!/usr/bin/env bash
# The gateway under load, against its I/O ceiling (docs/benchmarks.md, "Gateway under load").
# Starts `tms run --dev-lmk` on a fresh data directory with free ports, provisions the load terminals, and
# repeats REPEATS times: (a) closed loop (as fast as the terminals get answers) against the gateway and
# against the canned-answer server, for the throughput ratio; (b) open loop at half the gateway's maximum
# from (a), for the p99 there. Prints each run and the medians, against the targets of the issue:
# gateway throughput >= 50 % of the ceiling's, p99 < 20 ms at half the maximum rate.
# The server is first warmed up for SERVER_WARMUP under the same closed loop: its JIT takes the better part of
# a minute to settle, and until it has the compiler threads take a third of the machine (docs/benchmarks.md).
# Each `sim load` is a new JVM, so each measured run gets WARMUP too: the generator's own JIT must settle
# before the gateway run, or the ceiling (which runs after it, in the same JVM) gets a warmer generator.
#   TERMINALS=20 DURATION=10s WARMUP=20s SERVER_WARMUP=60s REPEATS=3 benchmarks/gateway-load.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
terminals="${TERMINALS:-20}"
duration="${DURATION:-10s}"
warmup="${WARMUP:-20s}"
repeats="${REPEATS:-3}"
server_warmup="${SERVER_WARMUP:-60s}"

"$root/tms" --version >/dev/null   # builds tms.jar (package, never install) when the sources are newer
jar="$root/tms-server/target/tms.jar"
data="$(mktemp -d "${TMPDIR:-/tmp}/tms-load.XXXXXX")"
# the store grows by hundreds of megabytes a run: the directory goes at exit unless KEEP=1 asks to keep it
echo "data directory $data ($([ "${KEEP:-0}" = 1 ] && echo "kept; the server's output is in $data/run.log" || echo "removed at exit; KEEP=1 keeps it"))"

java -jar "$jar" run --dev-lmk --data "$data" --bind 127.0.0.1 --gateway-port 0 --admin-port 0 >"$data/run.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; [ "${KEEP:-0}" = 1 ] || rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  grep -q "is running" "$data/run.log" && break
  kill -0 "$server" 2>/dev/null || { cat "$data/run.log"; echo "tms run stopped before it was ready" >&2; exit 1; }
  sleep 0.5
done
port="$(sed -n 's|.*terminal gateway  tcp://[^:]*:\([0-9]*\).*|\1|p' "$data/run.log")"
[ -n "$port" ] || { cat "$data/run.log"; echo "tms run did not say its gateway port" >&2; exit 1; }
echo "gateway on 127.0.0.1:$port; $terminals terminals, $warmup warm-up + $duration measured per run"

load() { java -jar "$jar" sim load --data "$data" --port "$port" --terminals "$terminals" "$@"; }

echo "warming the server up for $server_warmup"
load --provision --dev-lmk --rate max --duration "$server_warmup" --warmup 0s >/dev/null   # provisions, and warms the gateway
for i in $(seq 1 "$repeats"); do
  echo "== run $i of $repeats"
  load --warmup "$warmup" --duration "$duration" --rate max --ceiling --json "$data/max-$i.json"
  half="$(python3 -c 'import json,sys; print(max(1, round(json.load(open(sys.argv[1]))["gateway"]["throughput"] / 2)))' "$data/max-$i.json")"
  load --warmup "$warmup" --duration "$duration" --rate "$half" --json "$data/half-$i.json"
done

python3 - "$data" "$repeats" <<'PY'
import json, statistics, sys
data, n = sys.argv[1], int(sys.argv[2])
maxes = [json.load(open(f"{data}/max-{i}.json")) for i in range(1, n + 1)]
halves = [json.load(open(f"{data}/half-{i}.json")) for i in range(1, n + 1)]
def med(values): return statistics.median(values)
gw = med([m["gateway"]["throughput"] for m in maxes])
ceil = med([m["ceiling"]["throughput"] for m in maxes])
ratio = med([m["throughputRatioToCeiling"] for m in maxes])
p99_max = med([m["gateway"]["latencyMs"]["p99"] for m in maxes])
rate = med([h["gateway"]["requestedRate"] for h in halves])
p99 = med([h["gateway"]["latencyMs"]["p99"] for h in halves])
errors = sum(sum(r["gateway"]["errors"].values()) for r in maxes + halves)
print(f"\nmedians of {n} runs")
print(f"  gateway, closed loop   {gw:10.1f} answers/s   p99 {p99_max:.3f} ms")
print(f"  ceiling, closed loop   {ceil:10.1f} answers/s")
print(f"  ratio to the ceiling   {ratio:10.2f}   (target >= 0.50: {'met' if ratio >= 0.5 else 'NOT met'})")
print(f"  gateway at {rate:.0f}/s (half its maximum), open loop: p99 {p99:.3f} ms   (target < 20 ms: {'met' if p99 < 20 else 'NOT met'})")
print(f"  gateway errors over all runs: {errors}")
PY

# shellcheck shell=bash
# The A/B method shared by the benches (source it; needs wrk, curl, awk):
#
#   ab_init                    a work folder and a trap that stops every process started here
#   ab_spawn NAME LOG CMD...   starts CMD in the background *in the calling shell* (never call it
#                              inside $(...): the pid would not reach the cleanup) and records it
#   ab_server NAME ARGS...     provisions a throwaway lab licence and starts the PerfShop server
#                              jar on a free port (AB_SERVER_CMD overrides how java is invoked);
#                              AB_URL[NAME] is its base URL once ab_ready NAME has returned
#   ab_ready NAME [PATH]       waits until NAME answers PATH (default its readiness probe)
#   ab_stop NAME               stops NAME now (TERM, KILL after 10 s) instead of at exit
#   ab_wrk URL [WRK ARGS...]   one wrk run; sets AB_RPS, AB_P50, AB_P99 (ms), AB_NON2XX, AB_ERRORS,
#                              AB_REQS (requests answered)
#   ab_cpu_ms PID              the process's CPU time so far (user + system, all threads), in ms
#   ab_warm NAME PATH          wrk rounds of AB_WARM_SECONDS until throughput stops rising: two
#                              rounds in a row not above the best so far by AB_WARM_RISE (3 %)
#                              and CPU time per request not below its best by as much, after at
#                              least AB_WARM_MIN_REQUESTS (300000) requests
#   ab_compare PATH BASE CAL VARIANT...
#                              AB_ROUNDS interleaved rounds of AB_SECONDS on every server (the
#                              order rotates each round, so each goes first as often as the
#                              others); prints every round and, for each variant, its throughput
#                              and p99 ratios against BASE with the A/A calibration (CAL, a second
#                              copy of BASE, against BASE) printed beside it; also the servers'
#                              CPU time per request (from /proc: less sensitive to other load on
#                              the machine than throughput) with its own A/A ratio.
#
# Settings: AB_ROUNDS (6), AB_SECONDS (10), AB_THREADS (2), AB_CONNECTIONS (16),
# AB_WARM_SECONDS (5), AB_WARM_RISE (0.03), AB_WARM_MAX (80), AB_WARM_MIN_REQUESTS (300000), AB_LUA (a wrk script for the
# compared rounds, optional), AB_JAVA_OPTS (JVM options of the servers, default
# "-Xms512m -Xmx512m -XX:+UseG1GC").

AB_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
declare -gA AB_URL=() AB_PID=() AB_LOG=()
AB_PIDS=()
AB_WORK=""

ab_init() {
  for tool in wrk curl awk; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install $tool)" >&2; exit 1; }
  done
  AB_WORK=$(mktemp -d /tmp/perfshop-bench.XXXXXX)
  AB_JAVA_HOME=${AB_JAVA_HOME:-$("$AB_ROOT/scripts/find-jdk")}
  export JAVA_HOME=$AB_JAVA_HOME
  AB_TOKEN=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')  # the servers' admin token
  trap ab_cleanup EXIT
  trap 'exit 130' INT TERM
}

# Stops every process this shell started (TERM, then KILL after 10 s), then removes the work folder.
ab_cleanup() {
  set +e
  local p
  for p in "${AB_PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for _ in $(seq 1 50); do
    local alive=0
    for p in "${AB_PIDS[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.2
  done
  for p in "${AB_PIDS[@]}"; do kill -9 "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  [ -n "$AB_WORK" ] && [ -z "${AB_KEEP:-}" ] && rm -rf "$AB_WORK"
}

ab_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

ab_spawn() { # NAME LOG CMD...
  local name=$1 log=$2; shift 2
  "$@" >"$log" 2>&1 &
  AB_PID[$name]=$!
  AB_PIDS+=($!)
  AB_LOG[$name]=$log
}

ab_server() { # NAME [server args...]
  local name=$1; shift
  local port; port=$(ab_free_port)
  local data="$AB_WORK/$name"
  # (AB_NO_PROVISION=1: the data folder already has its licence, e.g. a restart)
  [ -n "${AB_NO_PROVISION:-}" ] ||
    PERFSHOP_DATA_DIR="$data" PERFSHOP_LAB_DIR="$AB_WORK/lab" "$AB_ROOT/scripts/provision-lab" >/dev/null
  local java=("$AB_JAVA_HOME/bin/java")
  # shellcheck disable=SC2206
  local opts=(${AB_JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseG1GC})
  # shellcheck disable=SC2206
  local launch=(${AB_SERVER_CMD:--jar $AB_ROOT/perfshop-server/target/perfshop-server.jar})
  ab_spawn "$name" "$AB_WORK/$name.log" "${java[@]}" "${opts[@]}" "${launch[@]}" \
    --server.port="$port" --server.address=127.0.0.1 --perfshop.data-dir="$data" \
    --perfshop.admin.token="$AB_TOKEN" --logging.level.root=warn \
    --logging.structured.format.console= "$@"
  AB_URL[$name]="http://127.0.0.1:$port"
}

ab_stop() { # NAME
  local p=${AB_PID[$1]} _
  kill "$p" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
}

ab_ready() { # NAME [PATH]
  local name=$1 path=${2:-/actuator/health/readiness}
  for _ in $(seq 1 900); do
    curl -fsS -o /dev/null "${AB_URL[$name]}$path" 2>/dev/null && return 0
    kill -0 "${AB_PID[$name]}" 2>/dev/null || { echo "bench: $name died:" >&2; tail -30 "${AB_LOG[$name]}" >&2; exit 1; }
    sleep 0.2
  done
  echo "bench: $name not ready after 180 s" >&2
  exit 1
}

ab_wrk() { # URL [wrk args...]
  local url=$1; shift
  local out="$AB_WORK/wrk.txt"
  wrk -t"${AB_THREADS:-2}" -c"${AB_CONNECTIONS:-16}" --timeout 10s --latency "$@" "$url" >"$out"
  read -r AB_RPS AB_P50 AB_P99 AB_NON2XX AB_ERRORS AB_REQS < <(awk '
    function ms(v) { if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
                     if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
                     if (v ~ /m$/)  { sub(/m$/, "", v); return v * 60000 }
                     if (v ~ /s$/)  { sub(/s$/, "", v); return v * 1000 } return v }
    /Requests\/sec/ { rps = $2 }
    / requests in / { reqs = $1 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { non = $NF }
    /Socket errors/ { gsub(/,/, ""); err = $4 + $6 + $8 + $10 }
    END { printf "%s %s %s %d %d %d\n", rps, p50, p99, non, err, reqs }' "$out")
}

ab_cpu_ms() { # PID
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%d\n", ($12 + $13) * 1000 / hz }' "/proc/$1/stat"
}

ab_warm() { # NAME PATH
  # Warm until neither throughput rises nor the server's CPU time per request falls by more than
  # AB_WARM_RISE for two rounds in a row, and at least AB_WARM_MIN_REQUESTS were served (on a busy
  # machine a noisy round can look flat long before the JIT has compiled the request path).
  local name=$1 path=$2 best=0 bestcpu=0 flat=0 n=0 served=0 trail=""
  while [ "$n" -lt "${AB_WARM_MAX:-80}" ]; do
    n=$((n + 1))
    local cpu0; cpu0=$(ab_cpu_ms "${AB_PID[$name]}")
    ab_wrk "${AB_URL[$name]}$path" -d"${AB_WARM_SECONDS:-5}s" ${AB_LUA:+-s "$AB_LUA"}
    local cpr; cpr=$(awk -v c="$(( $(ab_cpu_ms "${AB_PID[$name]}") - cpu0 ))" -v q="$AB_REQS" 'BEGIN {print (q > 0 ? c * 1000 / q : 1e9)}')
    served=$((served + AB_REQS))
    trail+=" $(printf '%.0f/%.0fus' "$AB_RPS" "$cpr")"
    if awk -v r="$AB_RPS" -v b="$best" -v c="$cpr" -v bc="$bestcpu" -v t="${AB_WARM_RISE:-0.03}" \
      'BEGIN {exit !(r > b * (1 + t) || bc == 0 || c < bc * (1 - t))}'; then
      flat=0
    else
      flat=$((flat + 1))
    fi
    best=$(awk -v r="$AB_RPS" -v b="$best" 'BEGIN {print (r > b) ? r : b}')
    bestcpu=$(awk -v c="$cpr" -v b="$bestcpu" 'BEGIN {print (b == 0 || c < b) ? c : b}')
    [ "$flat" -ge 2 ] && [ "$served" -ge "${AB_WARM_MIN_REQUESTS:-300000}" ] && break
  done
  echo "  warm-up $name: $n rounds of ${AB_WARM_SECONDS:-5}s, $served requests, req/s / CPU per request:$trail"
}

ab_compare() { # PATH BASE CAL VARIANT...
  local path=$1; shift
  local names=("$@") k=$# rounds=${AB_ROUNDS:-6} results="$AB_WORK/ab-results.txt"
  : >"$results"
  echo "  rounds: $rounds x ${AB_SECONDS:-10}s per server, wrk -t${AB_THREADS:-2} -c${AB_CONNECTIONS:-16}, order rotating"
  local r i j name
  for r in $(seq 1 "$rounds"); do
    local line="  round $r:"
    for i in $(seq 0 $((k - 1))); do
      j=$(( (i + r - 1) % k ))
      name=${names[$j]}
      local cpu0; cpu0=$(ab_cpu_ms "${AB_PID[$name]}")
      ab_wrk "${AB_URL[$name]}$path" -d"${AB_SECONDS:-10}s" ${AB_LUA:+-s "$AB_LUA"}
      local cpu=$(( $(ab_cpu_ms "${AB_PID[$name]}") - cpu0 ))
      [ "$AB_NON2XX" = 0 ] && [ "$AB_ERRORS" = 0 ] ||
        echo "  warning: $name had $AB_NON2XX non-2xx answers and $AB_ERRORS socket errors" >&2
      echo "$r $name $AB_RPS $AB_P50 $AB_P99 $cpu $AB_REQS" >>"$results"
      line+=$(printf ' %s %.0f/s p99 %.2fms %.0fus/req |' "$name" "$AB_RPS" "$AB_P99" \
        "$(awk -v c="$cpu" -v q="$AB_REQS" 'BEGIN {print (q > 0 ? c * 1000 / q : 0)}')")
    done
    echo "${line% |}"
  done
  ab_summary "$results" "${names[@]}"
}

# Ratios from a results file of "round name rps p50 p99 cpu-ms requests" lines: sum of the
# variant's throughput over the sum of the base's, mean p99 over the base's mean p99, the per-round
# range, and CPU time per request (the variant's total over its requests) over the base's.
ab_summary() { # FILE BASE CAL VARIANT...
  local file=$1; shift
  awk -v base="$1" -v cal="$2" -v list="$*" '
    { rps[$2] += $3; p99[$2] += $5; r[$1, $2] = $3; q[$1, $2] = $5; if ($1 > n) n = $1
      cpu[$2] += $6; req[$2] += $7 }
    function cpr(v) { return req[v] > 0 ? cpu[v] * 1000 / req[v] : 0 }
    function cr(v) { return cpr(base) > 0 ? cpr(v) / cpr(base) : 0 }
    function range(v,   i, x, lo, hi) { lo = 1e9; hi = 0
      for (i = 1; i <= n; i++) { x = r[i, v] / r[i, base]; if (x < lo) lo = x; if (x > hi) hi = x }
      return sprintf("%.3f-%.3f", lo, hi) }
    END {
      split(list, v, " ")
      printf "  %-14s %9s %9s %9s %9s %9s %9s %9s %9s %9s\n", "variant", "req/s", "p99 ms", "CPU us/req", "thr ratio", "A/A thr", "p99 ratio", "A/A p99", "CPU ratio", "A/A CPU"
      for (i = 1; i <= length(v); i++) {
        x = v[i]
        printf "  %-14s %9.0f %9.2f %9.0f", x, rps[x] / n, p99[x] / n, cpr(x)
        if (x == base) { printf " %9s\n", "(base)"; continue }
        printf " %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f   throughput per round %s (A/A %s)\n", rps[x] / rps[base],
          rps[cal] / rps[base], p99[x] / p99[base], p99[cal] / p99[base], cr(x), cr(cal), range(x), range(cal)
      }
    }' "$file"
}

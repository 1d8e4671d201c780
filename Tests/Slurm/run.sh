#!/usr/bin/env bash
# make test-slurm: builds a tiny book through a real Slurm job array on a one-node cluster started
# here (munged, slurmctld, slurmd, all state in a temporary folder, stopped by pid at exit, also on
# failure), kills one array task while it trains, rebuilds, and checks that the report equals a
# local build's apart from timing fields. Needs root (slurmd runs jobs as root here) and Debian's
# munge, slurmctld, slurmd and slurm-client (`make test-slurm` installs them).
#   MEMGEN_BOOK=path   the memgen-book binary (default .build/debug/memgen-book)
#   KEEP=1             keep the temporary folder (logs, cache, both reports)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${MEMGEN_BOOK:-$ROOT/.build/debug/memgen-book}
BIN=$(readlink -f "$BIN")
DIR=$(mktemp -d /tmp/memgen-slurm.XXXXXX)
START=$(date +%s)
say() { echo "test-slurm [$(( $(date +%s) - START )) s] $*"; }
fail() { echo "test-slurm FAILED: $*" >&2; exit 1; }

stop_cluster() {
  local status=$?
  for pidfile in "$DIR/slurmd.pid" "$DIR/slurmctld.pid" "$DIR/munge/munged.pid"; do
    if [ -s "$pidfile" ]; then
      pid=$(cat "$pidfile")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  if [ -n "${BUILD_PID:-}" ]; then kill "$BUILD_PID" 2>/dev/null || true; fi
  if [ "$status" != 0 ]; then
    echo "--- logs in $DIR (kept)" >&2
    tail -n 20 "$DIR"/slurmctld.log "$DIR"/slurmd.log "$DIR"/build-*.log 2>/dev/null >&2 || true
  elif [ "${KEEP:-0}" = 1 ]; then say "kept $DIR"; else rm -rf "$DIR"; fi
  exit "$status"
}
trap stop_cluster EXIT

[ "$(id -u)" = 0 ] || fail "needs root: slurmd runs the jobs as SlurmdUser=root on this one-node cluster"
[ -x "$BIN" ] || fail "no memgen-book binary at $BIN (swift build --product memgen-book)"
for c in munged slurmctld slurmd sbatch squeue scancel sinfo python3; do
  command -v "$c" >/dev/null || fail "'$c' not found (make test-slurm installs munge, slurmctld, slurmd, slurm-client)"
done

# --- a one-node cluster -------------------------------------------------------------------------
say "starting munged, slurmctld, slurmd in $DIR"
mkdir -p "$DIR/munge" "$DIR/state" "$DIR/spool"
chmod 700 "$DIR/munge"
dd if=/dev/urandom of="$DIR/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$DIR/munge/munge.key"
munged --force --socket="$DIR/munge/munge.sock" --key-file="$DIR/munge/munge.key" \
  --pid-file="$DIR/munge/munged.pid" --log-file="$DIR/munge/munged.log" --seed-file="$DIR/munge/seed"
NODE=$(hostname -s)
# Ports from the temporary folder's name keep two test runs on one machine apart.
PORT=$(( 20000 + $(printf '%s' "$DIR" | cksum | cut -d' ' -f1) % 20000 ))
cat > "$DIR/slurm.conf" <<CONF
ClusterName=memgentest
SlurmctldHost=$NODE
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$DIR/munge/munge.sock
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/slurmctld.log
SlurmdLogFile=$DIR/slurmd.log
SlurmctldPort=$PORT
SlurmdPort=$(( PORT + 1 ))
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
NodeName=$NODE CPUs=$(nproc) RealMemory=4000 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$DIR/slurm.conf"
slurmctld
slurmd
for _ in $(seq 100); do
  sinfo -h -o '%t' 2>/dev/null | grep -q idle && break
  sleep 0.2
done
sinfo -h -o '%t' | grep -q idle || fail "the node did not come up: $(sinfo 2>&1)"
say "cluster up: $(sinfo -h -o '%P %D %t %c')"

# --- the book, built locally (the reference) ------------------------------------------------------
cp -r "$ROOT/Tests/Slurm/book" "$DIR/book"
cd "$DIR"
"$BIN" build --chapters book --cache local-cache --output local-out > build-local.log 2>&1 \
  || fail "local build failed: $(tail -5 build-local.log)"
say "local build: $(tail -1 build-local.log)"

"$BIN" plan --chapters book --cache cache --json 2>/dev/null > plan.json
MISSING=$(python3 -c 'import json; print(sum(1 for r in json.load(open("plan.json"))["runs"] if not r["cached"]))')
[ "$MISSING" = 6 ] || fail "plan: expected 6 missing runs, got $MISSING"

# --- through Slurm; one task killed while it trains -----------------------------------------------
: > build-slurm-1.log   # exists before the background build starts writing it
"$BIN" build --chapters book --cache cache --output out --executor slurm --max-parallel 3 --poll-seconds 0.5 \
  >> build-slurm-1.log 2>&1 &
BUILD_PID=$!
JOB=""
for _ in $(seq 600); do
  JOB=$(sed -n 's/.* as Slurm job \([0-9]*\) .*/\1/p' build-slurm-1.log)
  [ -n "$JOB" ] && break
  kill -0 "$BUILD_PID" 2>/dev/null || fail "the build ended before submitting: $(cat build-slurm-1.log)"
  sleep 0.1
done
[ -n "$JOB" ] || fail "no job submitted: $(cat build-slurm-1.log)"
say "submitted job $JOB"
VICTIM=""
for _ in $(seq 1200); do
  for log in cache/slurm/*/task-*.log; do
    [ -f "$log" ] || continue
    if grep -q '  start  ' "$log" && ! grep -q '  done  ' "$log"; then
      VICTIM=$(basename "$log" .log); VICTIM=${VICTIM#task-}; break 2
    fi
  done
  sleep 0.1
done
[ -n "$VICTIM" ] || fail "no task was seen training"
scancel "${JOB}_${VICTIM}"
say "cancelled task ${JOB}_${VICTIM} while it trained: $(grep '  start  ' cache/slurm/*/task-"$VICTIM".log | tail -1 | sed 's/.*start  //')"
set +e; wait "$BUILD_PID"; STATUS=$?; set -e
BUILD_PID=""
[ "$STATUS" = 1 ] || fail "the build with a killed task exited $STATUS, expected 1: $(tail -20 build-slurm-1.log)"
grep -q "Slurm task ${JOB}_${VICTIM} was killed or cancelled before it finished (no exit status); log: .*task-${VICTIM}.log" build-slurm-1.log \
  || fail "the killed task is not reported with its log: $(cat build-slurm-1.log)"
grep -q "not trained: Slurm task ${JOB}_${VICTIM}" build-slurm-1.log || fail "no run is reported as not trained"
say "build 1: exit 1, $(grep -c 'not trained: Slurm task' build-slurm-1.log) run(s) of task $VICTIM reported not trained"

# Every entry in the cache verifies (a task killed mid-run leaves none half-written).
"$BIN" plan --chapters book --cache cache --json 2>plan.err > plan.json
grep -q corrupt plan.err && fail "corrupt cache entries after the kill: $(cat plan.err)"
LEFT=$(python3 -c 'import json; print(sum(1 for r in json.load(open("plan.json"))["runs"] if not r["cached"]))')
[ "$LEFT" -ge 1 ] || fail "the killed task's runs are all cached; nothing was killed mid-run"

# --- the rebuild resubmits exactly the missing runs -----------------------------------------------
"$BIN" build --chapters book --cache cache --output out --executor slurm --max-parallel 3 --poll-seconds 0.5 \
  > build-slurm-2.log 2>&1 || fail "the rebuild failed: $(tail -20 build-slurm-2.log)"
grep -q "submitted $LEFT of 6 runs as Slurm job" build-slurm-2.log || fail "the rebuild did not resubmit exactly the $LEFT missing runs: $(cat build-slurm-2.log)"
say "build 2: resubmitted $LEFT runs; $(tail -1 build-slurm-2.log)"

python3 "$ROOT/Tests/Slurm/compare-output.py" local-out out || fail "the Slurm-built report differs from the local one"
# The comparison can fail: one changed digit in a measured value is a difference.
cp -r out out-altered
python3 - out-altered/data/tiny.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); d["runs"][0]["result"]["measurements"]["series"]["train-loss"][-1] += 1e-6
json.dump(d, open(sys.argv[1], "w"))
PY
if python3 "$ROOT/Tests/Slurm/compare-output.py" local-out out-altered > /dev/null; then fail "compare-output.py missed an altered result"; fi
say "passed"

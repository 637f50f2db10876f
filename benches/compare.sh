#!/usr/bin/env bash
# Side-by-side comparison, in one run on one machine: convene end to end, the physical floors
# (wc -l; a bare csv ByteRecord pass), a pandas + matplotlib baseline, and the same questions
# (check, members, diff) asked of DuckDB's shell — from the CSV files and from a database file
# made once from them — and of DuckDB's Python package and Polars, at scales S and M (and
# L = 1,000,000 events: SCALES=L). convene is timed without its cache (--no-cache), cold (no
# snapshot yet) and warm (answering from the snapshot). Prints tables of medians and peak memory. Nothing but what the README names is assumed:
# the Rust toolchain, python3 (the baseline is installed into a virtual environment from PyPI)
# and GNU time (installed with apt-get when missing).
#
#   benches/compare.sh              # S and M (about 10 minutes on 2 cores)
#   SCALES="S" benches/compare.sh   # S only
#   RUNS=9 benches/compare.sh       # more runs per step (default 5; M timelines of the baseline run once)
#   OLD=/path/to/old/convene SCALES=M BASELINE=0 benches/compare.sh
#   SQL=0 benches/compare.sh        # without DuckDB and Polars
#   OLD=a/convene NEW=b/convene …   # compare two prebuilt binaries (NEW defaults to this tree's)
#                                   # also time another build of convene against this one, in
#                                   # interleaved runs (old, new, old, new, …), for check,
#                                   # members and diff; BASELINE=0 skips pandas and matplotlib
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${WORK:-$ROOT/target/bench}
RUNS=${RUNS:-5}
SCALES=${SCALES:-"S M"}
BASELINE=${BASELINE:-1}
SQL=${SQL:-1}
OLD=${OLD:-}
NEW=${NEW:-}
mkdir -p "$WORK"
# convene's snapshots of the benchmark datasets live here, not in the user's cache
export CONVENE_CACHE_DIR=$WORK/cache
unset CONVENE_NO_CACHE

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time" >&2
  (apt-get update -qq && apt-get install -y -qq time) >/dev/null
fi
echo "building convene and the bench helpers (release)" >&2
cargo build --release --quiet --bin convene --example synth --example floor
BIN=$ROOT/target/release
if [ "$BASELINE" = 1 ] && [ ! -x "$WORK/venv/bin/python" ]; then
  echo "installing the baseline (pandas, matplotlib) into $WORK/venv" >&2
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install --quiet pandas matplotlib
fi
if [ "$SQL" = 1 ] && [ ! -x "$WORK/sql/bin/duckdb" ]; then
  echo "installing DuckDB's shell (duckdb-cli) and Polars into $WORK/sql" >&2
  python3 -m venv "$WORK/sql"
  "$WORK/sql/bin/pip" install --quiet duckdb-cli duckdb polars
fi
if [ "$SQL" = 1 ] && ! "$WORK/sql/bin/python" -c 'import duckdb' 2>/dev/null; then
  "$WORK/sql/bin/pip" install --quiet duckdb
fi
PY=$WORK/venv/bin/python
DUCK=$WORK/sql/bin/duckdb
PL=$WORK/sql/bin/python

# median wall-clock milliseconds of N runs of a command
median_ms() {
  local n=$1; shift
  local times=()
  for _ in $(seq "$n"); do
    local t0 t1
    t0=$(date +%s%N)
    # a command that fails would be timed as a fast one
    "$@" >/dev/null 2>"$WORK/stderr" || { echo "failed: $*" >&2; cat "$WORK/stderr" >&2; exit 1; }
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m/1000}'
}
# peak resident memory in MB of one run
peak_mb() {
  /usr/bin/time -f "%M" -o "$WORK/rss" "$@" >/dev/null 2>&1 || true
  awk '{printf "%.0f", $1/1024}' "$WORK/rss"
}

ROWS=()
row() { ROWS+=("$(printf '%-10s %-3s %10s %10s %10s %9s %9s %8s %8s' "$@")"); }
QROWS=()
qrow() { QROWS+=("$(printf '%-8s %-3s %8s %8s %8s %8s %8s %8s %8s %8s %8s %8s' "$@")"); }
crow() { CROWS+=("$(printf '%-12s %-3s %9s %9s %9s %9s %9s %8s %8s %8s' "$@")"); }
OROWS=()
CROWS=()
orow() { OROWS+=("$(printf '%-10s %-3s %10s %10s %9s %8s %8s %9s' "$@")"); }
# interleaved medians of two commands: sets T_A and T_B (ms)
interleaved_ms() {
  local n=$1 a=$2 b=$3
  local ta=() tb=() t0 t1 i
  for i in $(seq "$n"); do
    t0=$(date +%s%N); eval "$a" >/dev/null 2>&1; t1=$(date +%s%N); ta+=($(( (t1 - t0) / 1000 )))
    t0=$(date +%s%N); eval "$b" >/dev/null 2>&1; t1=$(date +%s%N); tb+=($(( (t1 - t0) / 1000 )))
  done
  local med='{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m/1000}'
  T_A=$(printf '%s\n' "${ta[@]}" | sort -n | awk "$med")
  T_B=$(printf '%s\n' "${tb[@]}" | sort -n | awk "$med")
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

for S in $SCALES; do
  case $S in
    S) EV=1000 ;;
    M) EV=100000 ;;
    L) EV=1000000 ;;
    *) echo "unknown scale $S" >&2; exit 2 ;;
  esac
  D=$WORK/data-$S
  # data made by an older generator may not load any more: a failing command would be timed as
  # a fast one, so the data must pass `convene check` before anything is measured
  if [ ! -f "$D/participation.csv" ] || ! "$BIN/convene" check --data "$D" >/dev/null 2>&1; then
    echo "generating scale $S ($EV events)" >&2
    rm -rf "$D" "$WORK/data-$S.duckdb"
    "$BIN/examples/synth" --events $EV --parties 250 --per-event 10 --seed 1 --out "$D"
    "$BIN/convene" check --data "$D" >/dev/null
  fi
  A=e-0000010; B=e-0000020
  echo "measuring scale $S" >&2
  WC=$(median_ms "$RUNS" wc -l "$D/participation.csv")
  FLOOR_P=$(median_ms "$RUNS" "$BIN/examples/floor" "$D/participation.csv")
  FLOOR=$(median_ms "$RUNS" "$BIN/examples/floor" "$D"/events.csv "$D"/parties.csv "$D"/participation.csv "$D"/priorities.csv "$D"/event_priorities.csv)
  row "floor:wc" "$S" "$WC" "-" "-" "-" "-" "-" "-"
  row "floor:csv" "$S" "$FLOOR_P" "-" "-" "-" "-" "-" "-"
  row "floor:all" "$S" "$FLOOR" "-" "-" "-" "-" "-" "-"
  if [ -n "$OLD" ]; then
    for step in check members diff; do
      case $step in
        check) ARGS="check --data $D" ;;
        members) ARGS="members $A --format csv --data $D" ;;
        diff) ARGS="diff $A $B --format csv --data $D" ;;
      esac
      NEWBIN=${NEW:-$BIN/convene}
      interleaved_ms "$RUNS" "$OLD $ARGS" "$NEWBIN $ARGS"
      # shellcheck disable=SC2086
      OM=$(peak_mb "$OLD" $ARGS)
      # shellcheck disable=SC2086
      NM=$(peak_mb "$NEWBIN" $ARGS)
      orow "$step" "$S" "$T_A" "$T_B" "$(ratio "$T_B" "$T_A")" "$OM" "$NM" "$(ratio "$NM" "$OM")"
    done
  fi
  # convene itself: without the cache (--no-cache), cold (no snapshot yet: the command reads
  # the CSV files and writes one) and warm (the snapshot is current)
  SNAPS=$CONVENE_CACHE_DIR
  read -r RARE MOST < <(cut -d, -f2 "$D/participation.csv" | tail -n +2 | sort | uniq -c | sort -n | awk 'NR == 1 { r = $2 } { m = $2 } END { print r, m }')
  "$BIN/convene" members "$A" --data "$D" >/dev/null   # a current snapshot for the warm runs
  for step in members diff party-rare party-most show events-kind check; do
    case $step in
      members) ARGS=(members "$A" --format csv) ;;
      diff) ARGS=(diff "$A" "$B" --format csv) ;;
      party-rare) ARGS=(party "$RARE" --format csv) ;;
      party-most) ARGS=(party "$MOST" --format csv) ;;
      show) ARGS=(show "$A") ;;
      events-kind) ARGS=(events --kind summit --format csv) ;;
      check) ARGS=(check) ;;
    esac
    NC=$(median_ms "$RUNS" "$BIN/convene" --no-cache "${ARGS[@]}" --data "$D")
    CW=$(median_ms "$RUNS" sh -c 'rm -f "$0"/*.snapshot; exec "$@"' "$SNAPS" "$BIN/convene" "${ARGS[@]}" --data "$D")
    WA=$(median_ms "$RUNS" "$BIN/convene" "${ARGS[@]}" --data "$D")
    NM=$(peak_mb "$BIN/convene" --no-cache "${ARGS[@]}" --data "$D")
    WM=$(peak_mb "$BIN/convene" "${ARGS[@]}" --data "$D")
    SNAP=$(du -sm "$SNAPS" | cut -f1)
    crow "$step" "$S" "$NC" "$CW" "$WA" "$(ratio "$CW" "$NC")" "$(ratio "$NC" "$WA")" "$NM" "$WM" "$SNAP"
  done
  if [ "$SQL" = 1 ]; then
    DB=$WORK/data-$S.duckdb
    [ -f "$DB" ] || benches/duckdb_queries.sh "$DUCK" load "$D" "$DB"
    for step in check members diff; do
      case $step in
        check) ARGS=(check); Q=() ;;
        members) ARGS=(members "$A" --format csv); Q=("$A") ;;
        diff) ARGS=(diff "$A" "$B" --format csv); Q=("$A" "$B") ;;
      esac
      CT=$(median_ms "$RUNS" "$BIN/convene" --no-cache "${ARGS[@]}" --data "$D")
      WT=$(median_ms "$RUNS" "$BIN/convene" "${ARGS[@]}" --data "$D")
      DC=$(median_ms "$RUNS" benches/duckdb_queries.sh "$DUCK" "$step" csv "$D" "${Q[@]}")
      DD=$(median_ms "$RUNS" benches/duckdb_queries.sh "$DUCK" "$step" db "$DB" "${Q[@]}")
      PC=$(median_ms "$RUNS" benches/duckdb_queries.sh "$PL" "$step" csv "$D" "${Q[@]}")
      PD=$(median_ms "$RUNS" benches/duckdb_queries.sh "$PL" "$step" db "$DB" "${Q[@]}")
      PO=$(median_ms "$RUNS" "$PL" benches/polars_baseline.py "$step" "$D" "${Q[@]}")
      qrow "$step" "$S" "$CT" "$WT" "$DC" "$DD" "$PC" "$PD" "$PO" "$(ratio "$DC" "$WT")" "$(ratio "$DD" "$WT")" "$(ratio "$PO" "$WT")"
    done
  fi
  [ "$BASELINE" = 1 ] || continue
  BRUNS=$RUNS
  for step in check members diff timeline; do
    case $step in
      check) C=("$BIN/convene" --no-cache check --data "$D"); P=("$PY" benches/baseline.py check "$D") ;;
      members) C=("$BIN/convene" --no-cache members "$A" --format csv --data "$D"); P=("$PY" benches/baseline.py members "$D" "$A") ;;
      diff) C=("$BIN/convene" --no-cache diff "$A" "$B" --format csv --data "$D"); P=("$PY" benches/baseline.py diff "$D" "$A" "$B") ;;
      timeline) C=("$BIN/convene" --no-cache timeline --data "$D" -o "$WORK/t-$S.svg"); P=("$PY" benches/baseline.py timeline "$D" "$WORK/p-$S.svg")
                [ "$S" != S ] && BRUNS=1 ;;
    esac
    CT=$(median_ms "$RUNS" "${C[@]}")
    PT=$(median_ms "$BRUNS" "${P[@]}")
    CM=$(peak_mb "${C[@]}")
    PM=$(peak_mb "${P[@]}")
    row "$step" "$S" "$CT" "$FLOOR" "$PT" "$(ratio "$CT" "$FLOOR")" "$(ratio "$PT" "$CT")" "$CM" "$PM"
  done
  SIZE=$(du -sm "$D" | cut -f1)
  row "input MB" "$S" "$SIZE" "-" "-" "-" "-" "-" "-"
done

echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "times are medians of $RUNS runs in milliseconds (the baseline's M timeline: one run); memory is peak RSS in MB"
echo "floor:all = one csv ByteRecord pass over all five files; convene/floor uses it"
if [ ${#ROWS[@]} -gt 0 ]; then
  printf '%-10s %-3s %10s %10s %10s %9s %9s %8s %8s\n' step scale convene floor baseline conv/flr base/conv conv_MB base_MB
  printf '%s\n' "${ROWS[@]}"
fi
if [ ${#CROWS[@]} -gt 0 ]; then
  echo
  echo "convene without the cache (--no-cache), cold (no snapshot: reads the CSV files and writes one) and warm (from the snapshot): medians in ms, peak RSS in MB, snapshot size in MB; check always reads the CSV files"
  printf '%-12s %-3s %9s %9s %9s %9s %9s %8s %8s %8s\n' step scale no_cache cold warm cold/nc nc/warm nc_MB warm_MB snap_MB
  printf '%s\n' "${CROWS[@]}"
fi
if [ ${#QROWS[@]} -gt 0 ]; then
  echo
  echo "the same questions asked of DuckDB $("$DUCK" --version | cut -d' ' -f1) (its shell, and its Python package $("$PL" -c 'import duckdb; print(duckdb.__version__)'), from the CSV files and from a database file made once from them) and Polars $("$PL" -c 'import polars; print(polars.__version__)'): medians in ms; x/warm > 1 means warm convene is faster"
  printf '%-8s %-3s %8s %8s %8s %8s %8s %8s %8s %8s %8s %8s\n' step scale cold warm duck_csv duck_db py_csv py_db polars csv/warm db/warm pol/warm
  printf '%s\n' "${QROWS[@]}"
fi
if [ -n "$OLD" ]; then
  echo
  echo "old = $OLD, new = ${NEW:-$BIN/convene}; interleaved runs, medians in ms; peak RSS in MB"
  printf '%-10s %-3s %10s %10s %9s %8s %8s %9s\n' step scale old new new/old old_MB new_MB mem_ratio
  printf '%s\n' "${OROWS[@]}"
fi

#!/usr/bin/env bash
# What a cold command adds, measured as a ratio in one run: `convene members` without the
# cache and cold (no snapshot yet: it reads the CSV files and writes one), in interleaved
# runs (no cache, cold, no cache, cold, …), so that the machine's drift falls on both alike.
# Prints the median of each in milliseconds and their ratio.
#
#   benches/cold.sh [DATA_DIR] [RUNS]   # defaults: target/bench/data-M (made by compare.sh), 11
set -euo pipefail
cd "$(dirname "$0")/.."
D=${1:-target/bench/data-M}
RUNS=${2:-11}
BIN=target/release/convene
cargo build --release --quiet --bin convene
CACHE=$(mktemp -d)
trap 'rm -rf "$CACHE"' EXIT
export CONVENE_CACHE_DIR=$CACHE
ms() {
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000))
}
nc=() cold=()
for _ in $(seq "$RUNS"); do
  nc+=("$(ms "$BIN" --data "$D" --no-cache members e-0000010 --format csv)")
  rm -f "$CACHE"/*
  cold+=("$(ms "$BIN" --data "$D" members e-0000010 --format csv)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
NC=$(median "${nc[@]}")
CO=$(median "${cold[@]}")
awk -v n="$NC" -v c="$CO" 'BEGIN {printf "no cache %.1f ms, cold %.1f ms, cold / no cache %.2f\n", n / 1000, c / 1000, c / n}'

#!/usr/bin/env bash
# Byte-identity check between two builds of convene: every command below is run with both
# binaries, and their stdout, stderr, exit code and written files are compared byte for byte.
# It covers the shipped dataset, the S and M synthetic datasets and every case of the bad-input
# corpus (tests/fixtures/invalid and tests/fixtures/valid).
#
#   benches/identical.sh OLD_BIN NEW_BIN            # shipped, corpus, S and M
#   SCALES=S benches/identical.sh OLD_BIN NEW_BIN   # skip M (about 1 minute less)
#
# The synthetic datasets are made once by the new tree's generator into target/identical/ (the
# same files are given to both binaries, so which generator made them does not matter). Prints
# one line per difference and a closing total; exits 1 if anything differs.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
[ $# -eq 2 ] || { echo "usage: benches/identical.sh OLD_BIN NEW_BIN" >&2; exit 2; }
OLD=$(realpath "$1")
NEW=$(realpath "$2")
[ -x "$OLD" ] && [ -x "$NEW" ] || { echo "both binaries must exist and be executable" >&2; exit 2; }
SCALES=${SCALES:-"S M"}
WORK=$ROOT/target/identical
mkdir -p "$WORK"
RUN=$(mktemp -d)
trap 'rm -rf "$RUN"' EXIT

same=0
differ=0

# compare NAME CMD... : run CMD with each binary in its own empty directory (so files written
# with relative paths are compared too); {bin} in CMD is replaced by the binary.
compare() {
  local name=$1; shift
  local side
  for side in old new; do
    local bin=$OLD
    [ $side = new ] && bin=$NEW
    rm -rf "$RUN/$side" && mkdir -p "$RUN/$side/cwd"
    local args=()
    local a
    for a in "$@"; do args+=("${a//\{bin\}/$bin}"); done
    (cd "$RUN/$side/cwd" && "${args[@]}" >"$RUN/$side/stdout" 2>"$RUN/$side/stderr" </dev/null)
    echo $? >"$RUN/$side/code"
  done
  if diff -r -q "$RUN/old" "$RUN/new" >/dev/null; then
    same=$((same + 1))
  else
    differ=$((differ + 1))
    echo "DIFFERS: $name"
    diff -r "$RUN/old" "$RUN/new" | head -n 8 | sed 's/^/    /'
  fi
}

# The queries, charts and exports over one dataset: DATA is "" (shipped) or "--data DIR";
# E1, E2 are two event ids, P a party, S a series.
suite() {
  local label=$1 data=$2 e1=$3 e2=$4 p=$5 s=$6
  local d=()
  [ -n "$data" ] && d=(--data "$data")
  local f
  compare "$label check" {bin} check "${d[@]}"
  for f in table csv json markdown; do
    compare "$label events $f" {bin} events --format $f "${d[@]}"
    compare "$label events --series $f" {bin} events --series "$s" --format $f "${d[@]}"
    compare "$label members $f" {bin} members "$e1" --format $f "${d[@]}"
    compare "$label diff $f" {bin} diff "$e1" "$e2" --format $f "${d[@]}"
    compare "$label party $f" {bin} party "$p" --format $f "${d[@]}"
    compare "$label show $f" {bin} show "$e2" --format $f "${d[@]}"
  done
  compare "$label events COLUMNS=60" env COLUMNS=60 {bin} events "${d[@]}"
  compare "$label show COLUMNS=200" env COLUMNS=200 {bin} show "$e1" "${d[@]}"
  compare "$label members --as-of" {bin} members "$e1" --as-of 2024-06-01 "${d[@]}"
  compare "$label party --as-of" {bin} party "$p" --as-of 2024-06-01 "${d[@]}"
  for f in json ics timelinejs markdown; do
    compare "$label export $f" {bin} export --format $f "${d[@]}"
    compare "$label export $f -o" {bin} export --format $f -o out.$f "${d[@]}"
  done
  compare "$label timeline" {bin} timeline -o t.svg "${d[@]}"
  compare "$label timeline --party" {bin} timeline --party "$p" -o t.svg "${d[@]}"
  compare "$label render" {bin} render --out-dir out "${d[@]}"
}

echo "== shipped dataset" >&2
suite shipped "" bletchley-2023 paris-2025 GBR ai-summits
for w in 480 700 900 1200 1600; do
  compare "shipped timeline --width $w" {bin} timeline --width $w -o t.svg
done
compare "shipped membership" {bin} chart membership -o m.svg
compare "shipped membership --min-events" {bin} chart membership --min-events 2 -o m.svg
compare "shipped growth" {bin} chart growth -o g.svg
compare "shipped render" {bin} render --out-dir out
compare "shipped timeline --from --to" {bin} timeline --from 2024-01 --to 2025-06 -o t.svg
compare "shipped timeline --series" {bin} timeline --series aisi-network -o t.svg
compare "shipped membership --series" {bin} chart membership --series aisi-network -o m.svg
compare "shipped growth --series" {bin} chart growth --series aisi-network -o g.svg
compare "shipped members seoul (ambiguous)" {bin} members seoul
compare "shipped party south korea" {bin} party "south korea"
compare "shipped unknown event" {bin} show bletchly
compare "shipped --help" {bin} --help
for c in events show members diff party timeline render chart export check completions man; do
  compare "shipped $c --help" {bin} $c --help
done
compare "shipped completions bash" {bin} completions bash
compare "shipped man" {bin} man
compare "shipped no args" {bin}

echo "== corpus" >&2
for kind in invalid valid; do
  for case in tests/fixtures/$kind/*/; do
    case=${case%/}
    dir=$RUN/case-data
    rm -rf "$dir" && mkdir -p "$dir"
    cp tests/fixtures/small/* "$dir/"
    for f in "$case"/*; do
      n=$(basename "$f")
      case $n in remove|mkdir|args|expected) ;; *) cp "$f" "$dir/$n" ;; esac
    done
    [ -f "$case/remove" ] && while read -r f; do [ -n "$f" ] && rm -f "$dir/$f"; done <"$case/remove"
    [ -f "$case/mkdir" ] && while read -r f; do [ -n "$f" ] && rm -f "$dir/$f" && mkdir "$dir/$f"; done <"$case/mkdir"
    args="check --data {dir}"
    [ -f "$case/args" ] && args=$(cat "$case/args")
    read -r -a argv <<<"${args//\{dir\}/$dir}"
    compare "corpus $kind/$(basename "$case")" {bin} "${argv[@]}"
  done
done

for S in $SCALES; do
  case $S in S) EV=1000 ;; M) EV=100000 ;; *) echo "unknown scale $S" >&2; exit 2 ;; esac
  D=$WORK/$S
  if [ ! -f "$D/events.csv" ]; then
    echo "generating $S" >&2
    cargo run --release --quiet --example synth -- --events $EV --parties 250 --per-event 10 --seed 1 --out "$D" >&2
  fi
  echo "== $S" >&2
  suite "$S" "$D" e-0000001 e-0000002 AAA aisi-network
done

echo "identical: $same same, $differ differ"
[ $differ -eq 0 ]

#!/usr/bin/env bash
# tiegraph against its peers (python-igraph, networkx, Graphviz sfdp) on the
# same synthetic graph; prints the Markdown tables the README quotes.
#
#   bash benches/peers.sh [SIZES...]      # default: 1000 10000 100000 nodes
#
# Each size N has 5*N edges. For each size:
#   1. `tiegraph synth` writes the graph twice: an edges file ("nA nB" lines,
#      for the peers) and a CSV folder (what tiegraph loads), plus the 256
#      endpoint pairs every tool searches (benches/peers.py pairs).
#   2. igraph and networkx: benches/peers.py run (load, shortest paths, layout;
#      writes their positions files).
#   3. sfdp lays out a DOT of the same graph, under a time limit.
#   4. tiegraph's side, last and in one call: `cargo bench --bench peers --
#      --csv DIR --pairs FILE --layout-out POS.tsv --score POS.tsv...`
#      (benches/peers.rs) prints load/filter/path/layout times and scores its
#      own layout and every peer's positions file, so all layouts are scored
#      by one implementation.
# Every tool prints `tool<TAB>measure<TAB>value` lines; they are gathered,
# prefixed with the size, in $WORK/results.tsv, and the tables (also in
# $WORK/table.md) are built from that file.
#
# Environment:
#   PEERS_SHAPE         `tiegraph synth --shape`: plane (default; a hidden grid
#                       with 10% random links, so layout quality means
#                       something) or ring (the criterion benches' graph)
#   PEERS_VENV          venv for igraph/networkx (default ~/.cache/tiegraph-peers-venv)
#   PEERS_WORK          work folder (default /tmp/tiegraph-peers)
#   PEERS_SFDP_TIMEOUT  seconds sfdp may take per size (default 600)
#   PEERS_NX_LAYOUT_MAX largest size networkx spring_layout runs at (default 1000)
#   PEERS_IGRAPH_LAYOUT_MAX  largest size igraph FR runs at (default: all)
#   TIEGRAPH_PEERS_CMD  command for tiegraph's side instead of
#                       `cargo bench --bench peers --` (split on spaces)
#
# Set-up is done once and kept: the venv is created and filled only when an
# import fails, graphviz is installed with apt-get only when sfdp is missing,
# and synthetic data is rewritten only when the tiegraph binary is newer.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

VENV=${PEERS_VENV:-$HOME/.cache/tiegraph-peers-venv}
WORK=${PEERS_WORK:-/tmp/tiegraph-peers}
SFDP_TIMEOUT=${PEERS_SFDP_TIMEOUT:-600}
SHAPE=${PEERS_SHAPE:-plane}
TIEGRAPH=$ROOT/target/release/tiegraph
PEERS_PY=$ROOT/benches/peers.py
PY=$VENV/bin/python
if [[ -n ${TIEGRAPH_PEERS_CMD:-} ]]; then
    read -r -a BENCH_CMD <<<"$TIEGRAPH_PEERS_CMD"
else
    BENCH_CMD=(cargo bench --bench peers --)
fi
if (($# > 0)); then SIZES=("$@"); else SIZES=(1000 10000 100000); fi

log() { printf 'peers.sh: %s\n' "$*" >&2; }

# Run a command as root: directly when we are root, else through sudo.
as_root() {
    if ((EUID == 0)); then "$@"; else sudo "$@"; fi
}

# Seconds since the epoch, with microseconds.
now() { printf '%s' "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# ---------------------------------------------------------------- set-up

setup() {
    if ! [[ -x $PY ]] || ! "$PY" -c 'import igraph, networkx, scipy' 2>/dev/null; then
        log "setting up the venv $VENV (igraph, networkx; scipy for spring_layout)"
        python3 -m venv "$VENV"
        "$PY" -m pip install --quiet --upgrade pip
        "$PY" -m pip install --quiet igraph networkx numpy scipy
    fi
    if ! command -v sfdp >/dev/null; then
        log "installing graphviz (sfdp)"
        as_root apt-get update -q
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q graphviz
    fi
    if ! [[ -x $TIEGRAPH ]]; then
        log "building the tiegraph release binary"
        cargo build --release
    fi
    mkdir -p "$WORK"
}

# Versions and machine, as Markdown, for the README.
describe() {
    local commit cpu ram
    commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
    if ! git -C "$ROOT" diff --quiet HEAD 2>/dev/null; then commit+=" (with uncommitted changes)"; fi
    cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
    ram=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
    echo "Machine: $(nproc) cores, ${cpu:-unknown CPU}, $ram RAM."
    echo
    echo "Versions: tiegraph $commit (binary built $(date -r "$TIEGRAPH" '+%Y-%m-%d %H:%M')), $(
        "$PY" "$PEERS_PY" versions | awk -F'\t' '{ printf "%s%s %s", sep, $1, $3; sep = ", " }'
    ), $(sfdp -V 2>&1 | sed 's/^sfdp - //; s/ (.*//')."
}

# ---------------------------------------------------------------- per size

# Write the graph of size $1 unless it is there and newer than the binary.
generate() {
    local n=$1 e=$(($1 * 5))
    # The shape is part of the stamp, so switching PEERS_SHAPE regenerates.
    local stamp=$WORK/g$n.shape
    if ! [[ $WORK/g$n.edges -nt $TIEGRAPH && $(cat "$stamp" 2>/dev/null) == "$SHAPE" ]]; then
        "$TIEGRAPH" synth "$n" "$e" --shape "$SHAPE" --format edges -o "$WORK/g$n.edges" >/dev/null
        rm -rf "$WORK/g$n-csv"
        "$TIEGRAPH" synth "$n" "$e" --shape "$SHAPE" --format csv -o "$WORK/g$n-csv" >/dev/null
        echo "$SHAPE" >"$stamp"
    fi
    "$PY" "$PEERS_PY" pairs "$n" "$WORK/pairs$n.txt"
}

# tiegraph's bench with the given arguments; its TSV lines go to stdout, its
# log to $WORK/tiegraph-$n.log. A failure is reported, not fatal: the peers
# still run (e.g. before benches/peers.rs exists).
tiegraph_bench() {
    local n=$1
    shift
    local rss=(/usr/bin/time -f '%M' -o "${TIEGRAPH_PEERS_RSS:-/dev/null}")
    if ! "${rss[@]}" "${BENCH_CMD[@]}" --csv "$WORK/g$n-csv" "$@" 2>>"$WORK/tiegraph-$n.log"; then
        log "WARNING: tiegraph's side failed at $n nodes: ${BENCH_CMD[*]} --csv $WORK/g$n-csv $*"
        log "         (see $WORK/tiegraph-$n.log; benches/peers.rs and its [[bench]] entry must exist,"
        log "          or set TIEGRAPH_PEERS_CMD). Its columns will be empty."
    fi
}

# sfdp on a DOT of the edges file, with a time limit; prints its TSV line.
sfdp_layout() {
    local n=$1 start end rc=0
    "$PY" "$PEERS_PY" dot "$WORK/g$n.edges" "$n" "$WORK/g$n.dot"
    rm -f "$WORK/sfdp$n.plain" "$WORK/pos-sfdp-$n.tsv"
    start=$(now)
    /usr/bin/time -f '%M' -o "$WORK/rss-sfdp-$n.txt" \
        timeout "$SFDP_TIMEOUT" sfdp -Tplain -o "$WORK/sfdp$n.plain" "$WORK/g$n.dot" \
        2>"$WORK/sfdp$n.log" || rc=$?
    end=$(now)
    rss_line sfdp "$n"
    if ((rc == 0)); then
        printf 'sfdp\tlayout_s\t%s\n' "$(elapsed "$start" "$end")"
        "$PY" "$PEERS_PY" plain2tsv "$WORK/sfdp$n.plain" "$WORK/pos-sfdp-$n.tsv"
    elif ((rc == 124)); then
        log "sfdp timed out after $SFDP_TIMEOUT s at $n nodes"
        printf 'sfdp\tlayout_s\t>%s\n' "$SFDP_TIMEOUT"
    else
        log "WARNING: sfdp failed (exit $rc) at $n nodes; see $WORK/sfdp$n.log"
        printf 'sfdp\tlayout_s\tfailed\n'
    fi
}

run_size() {
    local n=$1 scores=() pos tool
    log "== $n nodes, $((n * 5)) edges"
    generate "$n"
    : >"$WORK/tiegraph-$n.log"
    rm -f "$WORK"/pos-*-"$n".tsv

    rm -f "$WORK"/lengths-*-"$n".txt
    log "igraph"
    measured igraph "$n" "$PY" "$PEERS_PY" run "$WORK/g$n.edges" "$n" "$WORK/pairs$n.txt" "$WORK" igraph
    # networkx where memory allows: about 1.5 kB per edge in its dicts of dicts.
    local need=$((n * 5 * 1500)) have
    have=$(awk '/MemAvailable/ { printf "%.0f", $2 * 1024 }' /proc/meminfo)
    if ((need > have)); then
        log "networkx skipped at $n nodes: it would need about $((need / 1000000000)) GB, $((have / 1000000000)) GB available"
    else
        log "networkx"
        measured networkx "$n" "$PY" "$PEERS_PY" run "$WORK/g$n.edges" "$n" "$WORK/pairs$n.txt" "$WORK" networkx
    fi

    log "sfdp (time limit ${SFDP_TIMEOUT} s)"
    sfdp_layout "$n"

    # tiegraph scores its own layout; the peers' positions files are passed.
    for tool in igraph networkx sfdp; do
        pos=$WORK/pos-$tool-$n.tsv
        if [[ -s $pos ]]; then scores+=(--score "$pos"); fi
    done
    log "tiegraph (load, filter, paths, layout; scoring its layout and $((${#scores[@]} / 2)) peers')"
    # Only tab-separated lines are results; anything else the bench prints is log.
    TIEGRAPH_PEERS_RSS=$WORK/rss-tiegraph-$n.txt \
        tiegraph_bench "$n" --pairs "$WORK/pairs$n.txt" --layout-out "$WORK/pos-tiegraph-$n.tsv" \
        "${scores[@]}" | { grep -P '\t' || true; }
    rss_line tiegraph "$n"
    opened_by_the_command_line "$n"
}

# Time and peak memory of `tiegraph stats` on the folder: a cold open (no
# cache), then two opens with a fresh cache folder (the first writes the
# cache, the second reads it). The binary is what users run.
opened_by_the_command_line() {
    local n=$1 data=$WORK/cli-data start end
    rm -rf "$data"
    for run in open write reopen; do
        local min=0
        [[ $run == open ]] && min=$((1 << 62))
        start=$(now)
        XDG_DATA_HOME=$data TIEGRAPH_CACHE_MIN_BYTES=$min \
            /usr/bin/time -f '%M' -o "$WORK/rss-cli-$run-$n.txt" \
            "$TIEGRAPH" stats "$WORK/g$n-csv" >/dev/null 2>>"$WORK/tiegraph-$n.log"
        end=$(now)
        printf 'tiegraph\tcli_%s_s\t%s\n' "$run" "$(elapsed "$start" "$end")"
        printf 'tiegraph\tcli_%s_rss_gb\t%s\n' "$run" \
            "$(awk 'END { printf "%.2f", $1 / 1048576 }' "$WORK/rss-cli-$run-$n.txt")"
    done
    rm -rf "$data"
}

# Runs a peer under /usr/bin/time, keeping its peak memory; prints its lines.
measured() {
    local tool=$1 n=$2
    shift 2
    /usr/bin/time -f '%M' -o "$WORK/rss-$tool-$n.txt" "$@"
    rss_line "$tool" "$n"
}

# `tool rss_gb X` from the kilobytes /usr/bin/time wrote.
rss_line() {
    local file=$WORK/rss-$1-$2.txt
    if [[ -s $file ]]; then
        printf '%s\trss_gb\t%s\n' "$1" "$(awk 'END { printf "%.2f", $1 / 1048576 }' "$file")"
    fi
}

# ---------------------------------------------------------------- main

setup
RESULTS=$WORK/results.tsv
: >"$RESULTS"
for n in "${SIZES[@]}"; do
    # Each line also goes to stderr as it comes, to follow a long run.
    run_size "$n" | awk -v n="$n" '{ print n "\t" $0; fflush() }' | tee -a "$RESULTS" >&2
done

{
    describe
    "$PY" "$PEERS_PY" table "$RESULTS"
    echo
    echo "Ratios are tiegraph ÷ peer: for times, below 1 means tiegraph is faster; for neighbourhood"
    echo "preservation, above 1 means tiegraph's layout keeps more neighbours; for edge-length CV,"
    echo "below 1 means more even edge lengths."
    echo "tiegraph loads its CSV folder (claims with documents, dates, quotes); the peers load the"
    echo "bare edges file. Layout times include sfdp's DOT parsing. Raw lines: results.tsv."
} | tee "$WORK/table.md"

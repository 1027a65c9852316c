#!/usr/bin/env bash
# Benchmarks claimcheck on a generated corpus, side by side with the single-purpose tools
# people would combine instead. Prints a Markdown report (also written to
# target/bench/results.md); BENCHMARKS.md records a run and how to read it.
#
#   benches/run.sh           # 100 MiB and 1 GiB, 5 runs each where it is cheap
#   QUICK=1 benches/run.sh   # 100 MiB only, 3 runs: a few minutes
#
# Needs hyperfine and ripgrep (apt), typos-cli (cargo install), textlint with
# textlint-rule-prh (npm); it installs what is missing under target/bench/tools.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-$ROOT/target/bench}
RUNS=${RUNS:-5}
QUICK=${QUICK:-}
mkdir -p "$WORK/tools"
export PATH="$WORK/tools/bin:$WORK/tools/node/node_modules/.bin:$PATH"

need_apt=()
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
command -v rg >/dev/null || need_apt+=(ripgrep)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
command -v typos >/dev/null || cargo install --locked --quiet --root "$WORK/tools" typos-cli
if [ ! -x "$WORK/tools/node/node_modules/.bin/textlint" ]; then
  npm install --prefix "$WORK/tools/node" --no-save --no-audit --no-fund --loglevel=error \
    textlint textlint-rule-prh
fi

cargo build --release --quiet --bin claimcheck --example gen-corpus --example bench-names \
  --example bench-stages
# Copies, so that a build during the run does not change what is measured.
cp "$ROOT/target/release/claimcheck" "$ROOT/target/release/examples/gen-corpus" \
  "$ROOT/target/release/examples/bench-names" "$ROOT/target/release/examples/bench-stages" \
  "$WORK/tools/"
BIN="$WORK/tools/claimcheck"
GEN="$WORK/tools/gen-corpus"

corpus() { # name size claims
  local dir="$WORK/$1"
  if [ ! -f "$dir/.done-$2-$3" ]; then
    rm -rf "$dir"
    "$GEN" --size "$2" --claims "$3" --entities 5000 --seed 7 --out "$dir" 2>/dev/null
    touch "$dir/.done-$2-$3"
  fi
  echo "$dir"
}

# Median seconds of a command run $2 times (after one warm-up), in folder $1.
median() {
  local dir=$1 runs=$2; shift 2
  (cd "$dir" && hyperfine --style none --warmup 1 --runs "$runs" -i \
    --export-json "$WORK/last.json" "$*" >/dev/null 2>&1)
  python3 -c "import json;print('%.3f' % json.load(open('$WORK/last.json'))['results'][0]['median'])"
}

# Peak resident memory in MiB of one run.
peak() {
  local dir=$1; shift
  (cd "$dir" && /usr/bin/time -f '%M' "$@" >/dev/null 2>"$WORK/time.txt" || true)
  echo $(( $(tail -1 "$WORK/time.txt") / 1024 ))
}

# Size of a corpus's text in MB (10^6 bytes), and a throughput.
mb() { du -sb "$1/seeds" | cut -f1 | awk '{printf "%.0f", $1 / 1e6}'; }
rate() { python3 -c "print('%.0f' % ($1 / $2))"; }

OUT="$WORK/results.md"
{
  echo "## Run of $(date -u +%Y-%m-%d) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo
  echo "claimcheck $(git -C "$ROOT" rev-parse --short HEAD); $(rg --version | sed -n 1p); $(typos --version); textlint $(textlint --version)"
  echo
  CHECK="$BIN check --min-severity warning --format github -o /dev/null"

  echo "### 1. \`claimcheck check\` throughput and memory (200 claims, 5,000 entities)"
  echo
  echo "| corpus | threads | median s | MB/s | peak MiB |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  sizes=(100MiB); [ -z "$QUICK" ] && sizes+=(1GiB)
  for size in "${sizes[@]}"; do
    dir=$(corpus "c-$size" "$size" 200)
    runs=$RUNS; [ "$size" = 1GiB ] && runs=3
    for threads in 1 2; do
      s=$(median "$dir" "$runs" "$CHECK -j $threads")
      m=$(peak "$dir" $CHECK -j "$threads")
      echo "| $size ($(mb "$dir") MB) | $threads | $s | $(rate "$(mb "$dir")" "$s") | $m |"
    done
  done
  echo

  echo "### 2. Cost against the claim count (100 MiB, 2 threads)"
  echo
  echo "| claims | median s | MB/s |"
  echo "| ---: | ---: | ---: |"
  for claims in 10 200 2000; do
    dir=$(corpus "c-100MiB-$claims" 100MiB "$claims")
    s=$(median "$dir" "$RUNS" "$CHECK")
    echo "| $claims | $s | $(rate "$(mb "$dir")" "$s") |"
  done
  echo

  echo "### 2b. Per-byte stages alone, one thread (first 3,000 files of the 100 MiB corpus)"
  echo
  echo '```'
  "$WORK/tools/bench-stages" "$(corpus c-100MiB 100MiB 200)/seeds" 3000
  echo '```'
  echo

  echo "### 3. Name work alone: variant discovery"
  echo
  echo '```'
  "$WORK/tools/bench-names" 1000 10000 100000
  echo '```'
  echo

  for size in "${sizes[@]}"; do
    dir=$(corpus "c-$size" "$size" 200)
    runs=$RUNS; [ "$size" = 1GiB ] && runs=3
    # The same corpus with the ledger's entities only: the dictionary work typos and prh do.
    names="$WORK/names-$size"
    mkdir -p "$names/claims"
    ln -sfn "$dir/seeds" "$names/seeds"
    ln -sfn "$dir/claims/people.toml" "$names/claims/people.toml"
    echo "### 4. Peers on the same $size corpus ($(mb "$dir") MB, 2 threads where the tool can use them)"
    echo
    echo "| tool | what it does | median s | MB/s | ratio |"
    echo "| --- | --- | ---: | ---: | ---: |"
    ours=$(median "$dir" "$runs" "$CHECK")
    dict=$(median "$names" "$runs" "$CHECK")
    rg_s=$(median "$dir" "$runs" "rg -F -c -f peers/cues.txt seeds")
    typos_s=$(median "$dir" "$runs" "typos --config peers/typos.toml --format brief seeds")
    ratio() { python3 -c "print('%.1f' % ($1 / $2))"; }
    echo "| claimcheck check | everything: claims, entities, undeclared names | $ours | $(rate "$(mb "$dir")" "$ours") | 1 |"
    echo "| claimcheck check, entities only | variants of the ledger's names, undeclared names | $dict | $(rate "$(mb "$dir")" "$dict") | $(ratio "$dict" "$ours")× the full check's time |"
    echo "| rg -F -f cues.txt | finds the literal cues | $rg_s | $(rate "$(mb "$dir")" "$rg_s") | the full check takes $(ratio "$ours" "$rg_s")× its time |"
    echo "| typos (extend-words) | finds the listed misspellings | $typos_s | $(rate "$(mb "$dir")" "$typos_s") | $(ratio "$typos_s" "$dict")× the entities-only check's time |"
    # textlint is slow: time it on every 100th file (every 1000th on 1 GiB) and scale by the bytes.
    every=100; [ "$size" = 1GiB ] && every=1000
    (cd "$dir" && find seeds -name '*.txt' | sort | awk -v n=$every 'NR % n == 1' > "$WORK/sample.txt")
    tl_s=$(median "$dir" 1 "textlint --config peers/.textlintrc.json --rules-base-directory $WORK/tools/node/node_modules \$(cat $WORK/sample.txt)")
    tl_bytes=$(cd "$dir" && cat "$WORK/sample.txt" | xargs du -cb | tail -1 | cut -f1)
    tl_full=$(python3 -c "print('%.0f' % ($tl_s * $(du -sb "$dir/seeds" | cut -f1) / $tl_bytes))")
    echo "| textlint + prh | finds the listed misspellings | $tl_full (scaled from $tl_s s on 1/$every of the files) | $(python3 -c "print('%.2f' % ($(du -sb "$dir/seeds" | cut -f1) / 1e6 / $tl_full))") | $(python3 -c "print('%.0f' % ($tl_full/$ours))")× the full check's time |"
    echo
  done

  # A sharded run: the corpus's folders dealt into 4 parts, each checked by `claimcheck
  # shard` (one after another here; on a batch system, on 4 machines), then merged, with
  # the settings of section 1.
  size=1GiB; [ -n "$QUICK" ] && size=100MiB
  dir=$(corpus "c-$size" "$size" 200)
  echo "### 5. Sharded: the $size corpus in 4 shards, then \`claimcheck merge\`"
  echo
  echo "| step | median s | peak MiB |"
  echo "| --- | ---: | ---: |"
  folders=$(cd "$dir" && ls -d seeds/*/ | sort)
  shards=""
  for part in 0 1 2 3; do
    args=$(echo "$folders" | awk -v p=$part 'NR % 4 == p {printf "--sources %s ", $0}')
    cmd="$BIN shard --min-severity warning $args -o $WORK/part-$part.shard"
    s=$(median "$dir" 1 "$cmd")
    echo "| shard $((part + 1)) ($(echo "$args" | wc -w | awk '{print $1/2}') folders) | $s | $(peak "$dir" $cmd) |"
    shards="$shards $WORK/part-$part.shard"
  done
  merge="$BIN merge --min-severity warning --format github -o $WORK/merged.txt $shards"
  s=$(median "$dir" 3 "$merge")
  echo "| merge | $s | $(peak "$dir" $merge) |"
  (cd "$dir" && "$BIN" check --min-severity warning --format github -o "$WORK/single.txt" || true)
  same=$(cmp -s "$WORK/merged.txt" "$WORK/single.txt" && echo "byte-identical to" || echo "DIFFERENT from")
  echo
  echo "Shards of $(du -cb $shards | tail -1 | awk '{printf "%.0f", $1 / 1e6}') MB in all; the merged report is $same the report of one \`check\` over the whole corpus."
  echo

  echo "### 6. CI-gate latency: \`claimcheck check\` on the shipped seeds, whole process"
  echo
  s=$(median "$ROOT" 20 "$BIN check --format json -o /dev/null")
  echo "median $(python3 -c "print('%.1f' % ($s*1000))") ms"
} | tee "$OUT"

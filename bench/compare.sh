#!/usr/bin/env bash
# bench/compare.sh: ropa side by side with the tools users would otherwise
# script, on the same generated inventory and the same policies/ bundle.
#
#   bench/compare.sh                 # 10k and 100k activities, 10k split over 100 files
#   RUNS=9 SIZES="10000" bench/compare.sh
#
# For each input it runs, RUNS times each (RUNS_LARGE for 100k):
#   ropa audit -f json FILE
#   ropa lint FILE
#   opa eval -b policies -i FILE 'data.ropa.rules'
#   conftest test --all-namespaces -p policies -d policies -o json FILE   (when installed)
#   yamlparse FILE            (yaml.v3 into yaml.Node: the parse-only floor)
#   yamlparse -into any FILE  (yaml.v3 into plain Go values)
# and, at 10k, `ropa diff --base HEAD~1` in a git repository whose last
# commit changes 20 activities of the 10k inventory; it prints the median
# wall time, the peak RSS (/usr/bin/time) and the
# ratio of each tool's time to ropa's, then checks the targets of
# BENCHMARKS.md. Tools are built into bench/out/ (git-ignored): ropa,
# ropagen and yamlparse from this tree, the OPA CLI at the version go.mod
# requires. conftest is used when `conftest` is on PATH or in
# $(go env GOPATH)/bin (go install github.com/open-policy-agent/conftest@latest).
#
# Run it on an otherwise idle machine: the script prints the load average
# before and after, since other processes inflate the times.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
RUNS_LARGE=${RUNS_LARGE:-3}
SIZES=${SIZES:-"10000 100000"}
SEED=${SEED:-1}
OUT=bench/out
mkdir -p "$OUT"

TIME=/usr/bin/time
if [ ! -x "$TIME" ]; then
  echo "compare.sh needs GNU time at /usr/bin/time (apt-get install time)" >&2
  exit 2
fi

echo "== building tools into $OUT" >&2
go build -o "$OUT/ropa" ./cmd/ropa
go build -o "$OUT/ropagen" ./cmd/ropagen
go build -o "$OUT/yamlparse" ./bench/yamlparse
opa_version=$(go list -m -f '{{.Version}}' github.com/open-policy-agent/opa)
if ! "$OUT/opa" version 2>/dev/null | grep -qx "Version: ${opa_version#v}"; then
  echo "   opa $opa_version (go install, outside this module)" >&2
  (cd "$OUT" && GOBIN="$PWD" GOFLAGS=-mod=mod go install "github.com/open-policy-agent/opa@$opa_version")
fi
conftest=$(command -v conftest || true)
if [ -z "$conftest" ] && [ -x "$(go env GOPATH)/bin/conftest" ]; then
  conftest="$(go env GOPATH)/bin/conftest"
fi

# measure NAME RUNS CMD...: runs CMD (stdout to /dev/null), prints
# "NAME median_seconds max_rss_kb".
measure() {
  local name=$1 runs=$2; shift 2
  local times=() rss=0 i t m tmp
  tmp=$(mktemp)
  for ((i = 0; i < runs; i++)); do
    # Exit status 1 (findings) is not a failure of the run.
    "$TIME" -o "$tmp" -f "%e %M" "$@" >/dev/null 2>&1 || true
    read -r t m < <(tail -1 "$tmp")
    times+=("$t")
    if ((m > rss)); then rss=$m; fi
  done
  rm -f "$tmp"
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')
  echo "$name $median $rss"
}

declare -A WALL RSS
run_tools() { # LABEL FILE RUNS
  local label=$1 file=$2 runs=$3 line
  echo "== $label: $(du -h "$file" | cut -f1) of YAML, $runs runs each" >&2
  while read -r line; do
    set -- $line
    WALL[$label/$1]=$2
    RSS[$label/$1]=$3
    echo "   $1: ${2}s, $(($3 / 1024)) MiB" >&2
  done < <(
    measure ropa "$runs" "$OUT/ropa" audit -f json "$file"
    measure ropa-lint "$runs" "$OUT/ropa" lint "$file"
    measure opa "$runs" "$OUT/opa" eval -b policies -i "$file" 'data.ropa.rules'
    if [ -n "$conftest" ]; then
      measure conftest "$runs" "$conftest" test --all-namespaces -p policies -d policies -o json "$file"
    fi
    measure yaml.v3-node "$runs" "$OUT/yamlparse" "$file"
    measure yaml.v3-any "$runs" "$OUT/yamlparse" -into any "$file"
  )
}

echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) CPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB RAM"
conftest_version="not installed"
if [ -n "$conftest" ]; then
  conftest_version="$(go version -m "$conftest" | awk '$1 == "mod" {print $3}') (OPA $("$conftest" --version | awk '/^OPA/ {print $2}'))"
fi
echo "go: $(go version | cut -d' ' -f3), opa: $("$OUT/opa" version | awk '/^Version/ {print $2}'), conftest: $conftest_version"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

labels=()
for n in $SIZES; do
  label="$((n / 1000))k"
  file="$OUT/inventory-$label.yaml"
  "$OUT/ropagen" -activities "$n" -seed "$SEED" -o "$file"
  runs=$RUNS
  ((n >= 100000)) && runs=$RUNS_LARGE
  run_tools "$label" "$file" "$runs"
  labels+=("$label")
done

# The same 10k inventory split over 100 files: ropa only (opa eval and
# conftest take one input document, not a directory to merge).
split_dir="$OUT/inventory-10k-split"
rm -rf "$split_dir"
"$OUT/ropagen" -activities 10000 -seed "$SEED" -split 100 -o "$split_dir"
echo "== 10k in 100 files, $RUNS runs" >&2
read -r _ t m < <(measure ropa "$RUNS" "$OUT/ropa" audit -f json "$split_dir")
WALL[10k-split/ropa]=$t
RSS[10k-split/ropa]=$m

# ropa diff --base HEAD~1 on the 10k inventory: a repository whose last
# commit changes the lawful basis of 20 activities.
if [[ " ${labels[*]} " == *" 10k "* ]]; then
  repo="$OUT/diff-10k"
  rm -rf "$repo"
  mkdir -p "$repo"
  cp "$OUT/inventory-10k.yaml" "$repo/inventory.yaml"
  git -C "$repo" init -q
  git -C "$repo" -c user.name=bench -c user.email=bench@example.org add inventory.yaml
  git -C "$repo" -c user.name=bench -c user.email=bench@example.org commit -qm base
  awk '/lawful_basis: contract/ && n < 20 {sub(/contract/, "consent"); n++} {print}' "$OUT/inventory-10k.yaml" >"$repo/inventory.yaml"
  git -C "$repo" -c user.name=bench -c user.email=bench@example.org commit -qam change
  echo "== 10k: ropa diff --base HEAD~1, $RUNS runs" >&2
  read -r _ t m < <(measure ropa-diff "$RUNS" env -C "$repo" "$PWD/$OUT/ropa" diff --base HEAD~1 inventory.yaml)
  WALL[10k/ropa-diff]=$t
  RSS[10k/ropa-diff]=$m
  echo "   ropa-diff: ${t}s, $((m / 1024)) MiB" >&2
fi

# Sanity: the three tools find the same number of deny + warn results.
if [[ " ${labels[*]} " == *" 10k "* ]]; then
  f="$OUT/inventory-10k.yaml"
  "$OUT/ropa" audit -f json "$f" >"$OUT/ropa-10k.json" || true
  "$OUT/opa" eval -b policies -i "$f" 'data.ropa.rules' >"$OUT/opa-10k.json" || true
  counts="ropa $(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print(s["errors"]+s["warnings"]+s["waived"])' "$OUT/ropa-10k.json" 2>/dev/null || echo '?')"
  counts+=", opa $(python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))["result"][0]["expressions"][0]["value"]
print(sum(len(r.get(k, [])) for g in v.values() for n, r in g.items() if not n.endswith("_test") for k in ("deny", "warn")))' "$OUT/opa-10k.json" 2>/dev/null || echo '?')"
  if [ -n "$conftest" ]; then
    "$conftest" test --all-namespaces -p policies -d policies -o json "$f" >"$OUT/conftest-10k.json" 2>/dev/null || true
    counts+=", conftest $(python3 -c '
import json, sys
print(sum(len(r.get("failures", [])) + len(r.get("warnings", [])) for r in json.load(open(sys.argv[1]))))' "$OUT/conftest-10k.json" 2>/dev/null || echo '?')"
  fi
  echo "rule results at 10k (deny + warn; ropa adds the inventory/* waiver warnings): $counts"
  echo
fi

echo "| input | tool | median wall | peak RSS | time / ropa |"
echo "|---|---|---:|---:|---:|"
for label in "${labels[@]}"; do
  base=${WALL[$label/ropa]}
  for tool in ropa ropa-lint ropa-diff opa conftest yaml.v3-node yaml.v3-any; do
    [ -n "${WALL[$label/$tool]:-}" ] || continue
    printf '| %s | %s | %.2f s | %d MiB | %.2fx |\n' "$label" "$tool" "${WALL[$label/$tool]}" $((${RSS[$label/$tool]} / 1024)) \
      "$(awk -v a="${WALL[$label/$tool]}" -v b="$base" 'BEGIN {print a / b}')"
  done
done
printf '| 10k in 100 files | ropa | %.2f s | %d MiB | %s |\n' "${WALL[10k-split/ropa]}" $((${RSS[10k-split/ropa]} / 1024)) \
  "$(awk -v a="${WALL[10k-split/ropa]}" -v b="${WALL[10k/ropa]:-0}" 'BEGIN {if (b > 0) printf "%.2fx of 10k", a / b; else print "-"}')"
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# Targets (BENCHMARKS.md).
check() { # DESCRIPTION CONDITION(awk)
  if awk "BEGIN {exit !($2)}"; then echo "- [x] $1"; else echo "- [ ] $1"; fi
}
if [ -n "${WALL[10k/ropa]:-}" ]; then
  r=${WALL[10k/ropa]}
  check "10k: ropa <= 0.4x opa eval ($(awk -v a="$r" -v b="${WALL[10k/opa]}" 'BEGIN {printf "%.2fx", a / b}'))" "$r <= 0.4 * ${WALL[10k/opa]}"
  check "10k: ropa <= 2x yaml.v3 parse into yaml.Node ($(awk -v a="$r" -v b="${WALL[10k/yaml.v3-node]}" 'BEGIN {printf "%.2fx", a / b}'))" "$r <= 2 * ${WALL[10k/yaml.v3-node]}"
  check "10k: ropa <= 2x yaml.v3 parse into any ($(awk -v a="$r" -v b="${WALL[10k/yaml.v3-any]}" 'BEGIN {printf "%.2fx", a / b}'))" "$r <= 2 * ${WALL[10k/yaml.v3-any]}"
  l=${WALL[10k/ropa-lint]}
  check "10k: ropa lint <= 1.5x yaml.v3 parse into yaml.Node ($(awk -v a="$l" -v b="${WALL[10k/yaml.v3-node]}" 'BEGIN {printf "%.2fx", a / b}'))" "$l <= 1.5 * ${WALL[10k/yaml.v3-node]}"
  d=${WALL[10k/ropa-diff]}
  check "10k: ropa diff --base HEAD~1 <= 2.2x one audit ($(awk -v a="$d" -v b="$r" 'BEGIN {printf "%.2fx", a / b}'))" "$d <= 2.2 * $r"
  check "10k in 100 files no slower than 1 file (${WALL[10k-split/ropa]}s vs ${r}s)" "${WALL[10k-split/ropa]} <= $r"
fi
if [ -n "${WALL[100k/ropa]:-}" ] && [ -n "${WALL[10k/ropa]:-}" ]; then
  check "100k <= 11x 10k ($(awk -v a="${WALL[100k/ropa]}" -v b="${WALL[10k/ropa]}" 'BEGIN {printf "%.1fx", a / b}'))" "${WALL[100k/ropa]} <= 11 * ${WALL[10k/ropa]}"
  check "100k peak RSS < 1.5 GiB ($((${RSS[100k/ropa]} / 1024)) MiB)" "${RSS[100k/ropa]} < 1.5 * 1024 * 1024"
fi

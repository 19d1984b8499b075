#!/usr/bin/env bash
# The GitHub Action's audit step (action.yml), a script so that it can be
# run and tested outside GitHub (cmd/ropa/action_test.go).
#
# Reads the action's inputs from INPUT_PATHS, INPUT_FAIL_ON,
# INPUT_BASELINE, INPUT_AS_OF, INPUT_ARGS, INPUT_FAIL_ON_CHANGE and
# INPUT_SARIF, and the runner's GITHUB_STEP_SUMMARY, GITHUB_OUTPUT,
# GITHUB_EVENT_NAME and GITHUB_BASE_REF. It runs ropa audit (annotations on
# stdout, the SARIF file, the Markdown report as the job summary), and on a
# pull request ropa diff --base origin/BASE, whose change set it appends to
# the summary. Outputs: exit-code, errors, warnings, findings (errors +
# warnings, unwaived and not in the baseline), sarif (absolute path, empty
# when ropa could not run), diff (true when the change set was added).
# Exit status: ropa audit's, 0 nothing at or above fail-on, 1 findings at
# or above it (or a fail-on-change change), 2 ropa could not do its job.
set -uo pipefail
set -f # inputs are split on whitespace, never globbed

ropa=${ROPA:-ropa}
paths=(${INPUT_PATHS:-})
extra=(${INPUT_ARGS:-})
sarif=${INPUT_SARIF:-ropa.sarif}
tmp=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/ropa-action.XXXXXX")
summary=${GITHUB_STEP_SUMMARY:-$tmp/summary-out.md}
out=${GITHUB_OUTPUT:-/dev/null}

output() { printf '%s=%s\n' "$1" "$2" >>"$out"; }

flags=(--fail-on "${INPUT_FAIL_ON:-error}" -f github
  -o "sarif=$sarif" -o "markdown=$tmp/audit.md" -o "json=$tmp/audit.json")
[ -n "${INPUT_BASELINE:-}" ] && flags+=(--baseline "$INPUT_BASELINE")
[ -n "${INPUT_AS_OF:-}" ] && flags+=(--as-of "$INPUT_AS_OF")

shown=${paths[*]+${paths[*]}}
echo "::group::ropa audit ${shown:-(the inventory of ropa.yaml)}"
"$ropa" audit ${paths[@]+"${paths[@]}"} "${flags[@]}" ${extra[@]+"${extra[@]}"}
code=$?
echo "::endgroup::"

if [ "$code" -ge 2 ] || [ ! -f "$tmp/audit.json" ]; then
  {
    echo "## ropa audit could not run (exit $code)"
    echo
    echo "See the step log: a bad input, a missing inventory path (set \`paths\`, or \`inventory:\` in ropa.yaml), an unreadable file or a user rule that does not compile."
  } >>"$summary"
  output sarif ""
  output exit-code 2
  echo "::error title=ropa::ropa audit could not run (exit $code); see the log above"
  exit 2
fi

# The counts, from the JSON report's summary object.
count() { sed -n '/"summary": {/,/}/p' "$tmp/audit.json" | sed -n "s/.*\"$1\": *\([0-9]*\).*/\1/p" | head -n 1; }
errors=$(count errors)
warnings=$(count warnings)
output errors "${errors:-0}"
output warnings "${warnings:-0}"
output findings "$((${errors:-0} + ${warnings:-0}))"
case "$sarif" in /*) output sarif "$sarif" ;; *) output sarif "$PWD/$sarif" ;; esac
cat "$tmp/audit.md" >>"$summary"

diffed=false
case "${GITHUB_EVENT_NAME:-}" in
pull_request | pull_request_target)
  if [ -n "${GITHUB_BASE_REF:-}" ]; then
    base="origin/$GITHUB_BASE_REF"
    # actions/checkout fetches one commit by default: fetch the base
    # branch's tip, all ropa diff needs (it reads the inventory there).
    if ! git rev-parse --verify --quiet "$base^{commit}" >/dev/null; then
      git fetch --quiet --no-tags --depth=1 origin \
        "+refs/heads/$GITHUB_BASE_REF:refs/remotes/origin/$GITHUB_BASE_REF" || true
    fi
    dflags=(--base "$base" --fail-on none -f markdown)
    [ -n "${INPUT_AS_OF:-}" ] && dflags+=(--as-of "$INPUT_AS_OF")
    [ -n "${INPUT_FAIL_ON_CHANGE:-}" ] && dflags+=(--fail-on-change "$INPUT_FAIL_ON_CHANGE")
    echo "::group::ropa diff --base $base"
    "$ropa" diff "${dflags[@]}" ${paths[@]+"${paths[@]}"} >"$tmp/diff.md"
    dcode=$?
    echo "::endgroup::"
    if [ "$dcode" -le 1 ] && [ -s "$tmp/diff.md" ]; then
      { echo; cat "$tmp/diff.md"; } >>"$summary"
      diffed=true
      if [ "$dcode" -eq 1 ] && [ "$code" -eq 0 ]; then
        echo "::error title=ropa::privacy-significant change (fail-on-change: $INPUT_FAIL_ON_CHANGE)"
        code=1
      fi
    else
      { echo; echo "ropa diff --base $base could not run (exit $dcode): see the step log."; } >>"$summary"
      echo "::warning title=ropa::ropa diff --base $base could not run (exit $dcode); the change set is not in the summary"
    fi
  fi
  ;;
esac
output diff "$diffed"
output exit-code "$code"
exit "$code"

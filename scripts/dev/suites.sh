#!/usr/bin/env bash
# usage: suites.sh ROOT [dev|val|valoff|lit|all]  -> one "suite acc B3 addr cast" line per suite
# Lead/helper tool: every gated suite's TOTAL on one line each, for the tree ROOT (a worktree).
# dev = the development sets, val / valoff = the validation rounds with / without packs,
# lit = LitBank train and test. Lines right = acc x gold quotes, rounded.
ROOT=${1:-"$(cd "$(dirname "$0")/../.." && pwd)"}; WHAT=${2:-all}
PY=${PY:-"$(cd "$(dirname "$0")/../.." && pwd)/.venv/bin/python"}
cd "$ROOT"
export PYTHONPATH="$ROOT/src:$ROOT"
tot() { # name, args...
  local name=$1; shift
  local line; line=$("$PY" eval/run.py "$@" 2>/dev/null | grep -E '^(TOTAL|total|all)' | tail -1)
  echo "$line" | awk -v n="$name" '{printf "%-14s n=%-4s acc %5s (%d right) B3 %5s addr %5s names %5s coref %5s cast %5s\n", n, $4, $8, int($8*$4/100+0.5), $9, $10, $11, $12, $13}'
}
if [[ $WHAT == dev || $WHAT == all ]]; then
  tot seeds seeds; tot ao3 ao3; tot handmade handmade; tot blind blind
  for s in blind4 dev6 blind5 dev7 blind6 blind7 blind8 blind20 blind19 blind21 blind22 blind23 blind24 blind25; do tot $s blind --gold eval/gold/$s; done
fi
if [[ $WHAT == val || $WHAT == all ]]; then
  for s in blind9 blind10 blind11 blind12 blind13 blind14 blind15 blind16; do tot $s blind --gold eval/gold/$s; done
fi
if [[ $WHAT == valoff || $WHAT == all ]]; then
  for s in blind9 blind10 blind11 blind12 blind13 blind14 blind15 blind16; do FICSCOPE_BUILTIN_PACKS=0 tot "$s(off)" blind --gold eval/gold/$s; done
fi
if [[ $WHAT == lit || $WHAT == all ]]; then
  tot litbank-train litbank --split train; tot litbank-test litbank --split test
fi

#!/usr/bin/env bash
# make run: chat in the terminal; the action server runs in the background and stops with the shell.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
mkdir -p logs var
start_actions logs/actions.log
echo "Tapez vos questions en français ; /stop pour quitter."
"$BIN/rasa" shell --model "$MODEL" --port 5005

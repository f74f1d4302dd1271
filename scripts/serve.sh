#!/usr/bin/env bash
# make serve: action server (5055) and Rasa with its REST channel (5005) in the foreground; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
mkdir -p logs
start_actions logs/actions.log
echo "Rasa démarre sur http://localhost:5005/webhooks/rest/webhook (Ctrl-C pour arrêter)..."
"$BIN/rasa" run --model "$MODEL" --port 5005 --endpoints endpoints.yml --credentials credentials.yml

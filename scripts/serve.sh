#!/usr/bin/env bash
# make serve: action server (5055), the chat page (8080) and Rasa with its REST and socket.io channels (5005) in the
# foreground; Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
mkdir -p logs var
start_actions logs/actions.log
WEB_PORT=${WEB_PORT:-8080}
"$BIN/python" scripts/web_server.py --port "$WEB_PORT" --rasa-url http://localhost:5005 >logs/web.log 2>&1 &
WEB_PID=$!
trap 'kill "$WEB_PID" "$ACTIONS_PID" 2>/dev/null; wait 2>/dev/null' EXIT
wait_for_http "http://localhost:$WEB_PORT/" 10 "$WEB_PID" ||
  { echo "La page n'a pas démarré ; voir logs/web.log :" >&2; tail -n 20 logs/web.log >&2; exit 1; }
echo "Rasa démarre sur http://localhost:5005/webhooks/rest/webhook ; page de discussion :" \
  "http://localhost:$WEB_PORT/ dès que Rasa est prêt (Ctrl-C pour arrêter)..."
# CORS: only the page may call Rasa from a browser.
"$BIN/rasa" run --model "$MODEL" --port 5005 --endpoints endpoints.yml --credentials credentials.yml \
  --cors "http://localhost:$WEB_PORT"

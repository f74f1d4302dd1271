#!/usr/bin/env bash
# make serve: the chat page (8080) and Rasa with its REST and socket.io channels (5005) in the foreground, running the
# actions of actions/ itself (endpoints.yml); Ctrl-C stops both. RASA_PORT, WEB_PORT, ENDPOINTS (endpoints.yml) and
# LOGS (logs) let tests run this very script beside another stack.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
check_knowledge
"$BIN/python" -m scripts.web_server --port "$WEB_PORT" --rasa-url "http://localhost:$RASA_PORT" >"$LOGS/web.log" 2>&1 &
WEB_PID=$!
trap 'kill "$WEB_PID" 2>/dev/null; wait 2>/dev/null' EXIT
wait_for_http "http://localhost:$WEB_PORT/" 10 "$WEB_PID" ||
  { echo "La page n'a pas démarré ; voir $LOGS/web.log :" >&2; tail -n 20 "$LOGS/web.log" >&2; exit 1; }
echo "Rasa démarre sur http://localhost:$RASA_PORT/webhooks/rest/webhook ; page de discussion :" \
  "http://localhost:$WEB_PORT/ dès que Rasa est prêt (Ctrl-C pour arrêter)..."
# The HTTP API stays off (no --enable-api); CORS: only the page may call Rasa from a browser.
"$BIN/rasa" run --model "$MODEL" --port "$RASA_PORT" --endpoints "$ENDPOINTS" --credentials credentials.yml \
  --cors "http://localhost:$WEB_PORT"

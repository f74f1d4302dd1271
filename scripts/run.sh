#!/usr/bin/env bash
# make run: chat in the terminal. Rasa (REST channel of channels/, on 127.0.0.1, running the actions of actions/
# itself as endpoints.yml says) runs in the background, its output and warnings in logs/; the console
# (channels/console.py) waits for it, shows its banner, and Rasa stops when it ends (/stop, Ctrl-D, Ctrl-C).
# RASA_PORT (5005), ENDPOINTS (endpoints.yml) and LOGS (logs) let tests run this very script beside another stack.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
RASA_PID=
stop_servers() {  # TERM, then KILL if it still runs after 20 s
  local pids="$RASA_PID" pid alive
  kill $pids 2>/dev/null || true
  for _ in $(seq 40); do
    alive=
    for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ -n "$alive" ] || break
    sleep 0.5
  done
  kill -KILL $pids 2>/dev/null || true
  wait $pids 2>/dev/null || true
}
trap stop_servers EXIT
trap 'exit 130' INT TERM
trap 'exit 129' HUP
check_knowledge
"$BIN/rasa" run --model "$MODEL" --interface 127.0.0.1 --port "$RASA_PORT" --endpoints "$ENDPOINTS" \
  --credentials credentials.yml >"$LOGS/rasa.log" 2>&1 </dev/null &
RASA_PID=$!
"$BIN/python" -m channels.console --url "http://127.0.0.1:$RASA_PORT" --rasa-pid "$RASA_PID" \
  --rasa-log "$LOGS/rasa.log" --log "$LOGS/console.log"

#!/usr/bin/env bash
# make serve-scale: PostgreSQL and Redis (scripts/datastores.sh, data in var/scale), one action server (5055) and two
# Rasa servers (5005, 5006) sharing them through endpoints.scale.yml; Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
mkdir -p var/scale
start_actions "$LOGS/actions.log"
RASA_PIDS=()
stop_all() {
  kill "${RASA_PIDS[@]}" "$ACTIONS_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  scripts/datastores.sh stop var/scale
}
trap stop_all EXIT
scripts/datastores.sh start var/scale 5433 6380
DB_PASSWORD=$(cat var/scale/db_password)
export DB_PASSWORD
for port in 5005 5006; do
  "$BIN/rasa" run --model "$MODEL" --port "$port" --endpoints endpoints.scale.yml --credentials credentials.yml \
    >"$LOGS/rasa-$port.log" 2>&1 &
  RASA_PIDS+=($!)
done
echo "Deux serveurs Rasa en démarrage (journaux : logs/rasa-5005.log, logs/rasa-5006.log)..."
for i in 0 1; do
  port=$((5005 + i))
  wait_for_http "http://localhost:$port/" 300 "${RASA_PIDS[i]}" ||
    { echo "Rasa n'a pas démarré sur le port $port :" >&2; tail -n 20 "logs/rasa-$port.log" >&2; exit 1; }
done
echo "Prêt : http://localhost:5005/webhooks/rest/webhook et http://localhost:5006/webhooks/rest/webhook" \
  "(même conversation sur les deux ; Ctrl-C pour arrêter)"
wait -n "${RASA_PIDS[@]}" || true
echo "Un serveur Rasa s'est arrêté ; voir logs/rasa-5005.log et logs/rasa-5006.log" >&2
exit 1

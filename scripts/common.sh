# Shared by run.sh, serve.sh and serve_scale.sh: settings, waiting for a server, checking knowledge/, and the action
# server that serve_scale.sh starts (run.sh and serve.sh run the actions inside Rasa).
BIN=.venv/bin
# settings.env: MODEL, the ports and the exported variables, each unless already set in the environment.
while IFS='=' read -r key value; do
  case $key in '' | \#*) continue ;; esac
  [ -n "${!key+x}" ] || declare "$key=$value"
  export "${key?}"
done <settings.env
mkdir -p "$LOGS" var

wait_for_http() {  # url, seconds, pid to watch
  local url=$1 limit=$2 pid=$3
  for _ in $(seq "$limit"); do
    if ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    if "$BIN/python" -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "$url" 2>/dev/null; then
      return 0
    fi
    sleep 1
  done
  return 1
}

check_knowledge() {  # a malformed knowledge/ file stops here, named with its field
  "$BIN/python" -m bot.check >/dev/null || { "$BIN/python" -m bot.check; exit 1; }
}

start_actions() {  # log file; sets ACTIONS_PID
  check_knowledge
  "$BIN/rasa" run actions --actions actions --port "$ACTIONS_PORT" >"$1" 2>&1 </dev/null &
  ACTIONS_PID=$!
  trap 'kill "$ACTIONS_PID" 2>/dev/null; wait "$ACTIONS_PID" 2>/dev/null' EXIT
  trap 'exit 130' INT TERM
  echo "Serveur d'actions en démarrage (port $ACTIONS_PORT, journal : $1)..."
  if ! wait_for_http "http://localhost:$ACTIONS_PORT/health" 60 "$ACTIONS_PID"; then
    echo "Le serveur d'actions n'a pas démarré ; voir $1 :" >&2
    tail -n 20 "$1" >&2
    exit 1
  fi
}

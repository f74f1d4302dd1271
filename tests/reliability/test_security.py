"""No one controls the assistant from outside: in `make serve` (scripts/serve.sh itself, on spare ports) Rasa's
HTTP API is off and CORS admits the page's origin only; git holds no secret."""

import os
import signal
import subprocess
import urllib.error
import urllib.request
from types import SimpleNamespace

import pytest

from devstack.servers import ENV, ROOT, spare_ports, wait_for, write_endpoints


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`make serve`'s script with its own ports, logs and tracker store: the url of Rasa and the page's origin."""
    work = tmp_path_factory.mktemp("serve")
    rasa_port, web_port = spare_ports(2)
    env = {
        **ENV,
        "RASA_PORT": str(rasa_port),
        "WEB_PORT": str(web_port),
        "ENDPOINTS": str(write_endpoints(work / "endpoints.yml", None, work / "tracker.db")),
        "LOGS": str(work),
    }
    log = work / "serve.log"
    process = subprocess.Popen(
        ["scripts/serve.sh"], cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        wait_for(f"http://localhost:{rasa_port}/", process, log)
        yield SimpleNamespace(url=f"http://localhost:{rasa_port}", page_origin=f"http://localhost:{web_port}")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)  # Ctrl-C's effect: the script stops the page and Rasa
        process.wait(timeout=60)


API_ROUTES = [
    ("GET", "/status"),
    ("GET", "/version"),
    ("POST", "/model/parse"),
    ("PUT", "/model"),
    ("POST", "/model/train"),
    ("GET", "/conversations/x/tracker"),
    ("POST", "/conversations/x/messages"),
    ("POST", "/conversations/x/trigger_intent"),
    ("PUT", "/conversations/x/tracker/events"),
    ("GET", "/domain"),
]


def request(url: str, method: str = "GET", origin: str = "", body: bytes = b""):
    headers = {"Content-Type": "application/json"}
    if origin:
        headers.update({"Origin": origin, "Access-Control-Request-Method": "POST"})
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, data=body or None, method=method, headers=headers), timeout=30
        ) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


@pytest.mark.parametrize("method,path", API_ROUTES, ids=[p for _, p in API_ROUTES])
def test_http_api_is_off(served, method, path):
    status, _ = request(served.url + path, method, body=b'{"text": "/restart"}' if method != "GET" else b"")
    assert status in (401, 403, 404, 405), status


@pytest.mark.parametrize("method", ["OPTIONS", "POST"])
def test_cors_admits_the_page_origin_only(served, method):
    url, body = f"{served.url}/webhooks/rest/webhook", b'{"sender": "cors-test", "message": "allo"}'
    page = served.page_origin
    _, headers = request(url, method, page, body if method == "POST" else b"")
    assert headers.get("Access-Control-Allow-Origin") == page
    for other in ("http://evil.example", "null", page[:-1] + str(int(page[-1]) ^ 1), f"{page}.evil.example"):
        _, headers = request(url, method, other, body if method == "POST" else b"")
        assert headers.get("Access-Control-Allow-Origin") in (None, page), other


def git_grep(*arguments: str) -> str:
    """Lines matching in git (exit 1 means none); fails if git itself fails."""
    result = subprocess.run(["git", "grep", "-I", "-n", *arguments], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


KEYS = (
    "BEGIN [A-Z ]*PRIVATE KEY|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36}|xox[baprs]-[A-Za-z0-9-]{10,}"
    "|sk-[A-Za-z0-9]{32,}"
)
# A secret-looking key with a literal value in a configuration file; ${VAR} and $(...) read it from elsewhere.
PLAIN_PASSWORD = (
    "(password|passwd|secret|token|api_key|jwt_key)[\"']?[[:space:]]*[:=][[:space:]]*[\"']?[^[:space:]\"'$<{#]{6,}"
)
CONFIG_FILES = ["*.yml", "*.yaml", "*.env", "*.ini", "*.toml", "*.cfg", "*.sh", "*.json"]


def test_no_key_or_token_anywhere_in_git_history_or_work_tree():
    revisions = subprocess.run(
        ["git", "rev-list", "--all"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert not git_grep("-E", KEYS, *revisions)
    assert not git_grep("--untracked", "-E", KEYS)


def test_no_plain_password_in_configuration():
    assert not git_grep("--untracked", "-i", "-E", PLAIN_PASSWORD, "--", *CONFIG_FILES)


def test_conversations_and_models_stay_out_of_git():
    ignored = subprocess.run(
        ["git", "check-ignore", "var/tracker.db", "models/grappes.tar.gz", "logs/rasa.log"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert ignored == ["var/tracker.db", "models/grappes.tar.gz", "logs/rasa.log"]

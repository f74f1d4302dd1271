"""A broken or incomplete knowledge file stops the real action server at start, naming the file and the field; and
Rasa too, which runs the actions itself for `make run` and `make serve`."""

import shutil
import subprocess

import pytest
import yaml

from bot.knowledge import DEFAULT_DIR, DIR_VARIABLE
from devstack.servers import BIN, ENV, MODEL, ROOT, write_endpoints


def edit(change):
    def apply(path):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    return apply


def replace(text):
    return lambda path: path.write_text(text, encoding="utf-8")


# (case, file broken, how, words the message must contain)
BROKEN = [
    ("missing file", "grappes.yml", lambda path: path.unlink(), ["grappes.yml", "introuvable"]),
    ("empty file", "general.yml", replace(""), ["general.yml", "(racine)"]),
    ("not yaml", "general.yml", replace("page_cmm: [url: \n  : : :"), ["general.yml", "YAML illisible", "line"]),
    (
        "website not a url",
        "grappes.yml",
        edit(lambda d: d["grappes"][0]["secretariat"].update(site_web="aeromontreal")),
        ["grappes.yml", "grappes[0].secretariat.site_web"],
    ),
    (
        "mission missing",
        "grappes.yml",
        edit(lambda d: d["grappes"][3].pop("mission")),
        ["grappes.yml", "grappes[3]", "'mission'"],
    ),
    (
        "year as text",
        "grappes.yml",
        edit(lambda d: d["grappes"][1]["chiffres"][0].update(annee="2019")),
        ["grappes.yml", "grappes[1].chiffres[0].annee"],
    ),
    (
        "topic missing",
        "general.yml",
        edit(lambda d: d["sujets"].pop("financement")),
        ["general.yml", "sujets", "'financement'"],
    ),
]


def refused(command, tmp_path, name, breaks, words):
    """Run `command` on a copy of knowledge/ broken by `breaks`: it must stop with the French message and `words`."""
    knowledge = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_DIR, knowledge)
    breaks(knowledge / name)
    result = subprocess.run(
        command, cwd=ROOT, env={**ENV, DIR_VARIABLE: str(knowledge)}, capture_output=True, text=True, timeout=300
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-2000:]
    assert "Connaissances invalides" in output, output[-2000:]
    message = output[output.index("Connaissances invalides") :]
    for word in words:
        assert word in message, message


@pytest.mark.parametrize("case,name,breaks,words", BROKEN, ids=[b[0] for b in BROKEN])
def test_action_server_refuses_to_start(tmp_path, case, name, breaks, words):
    refused([str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", "0"], tmp_path, name, breaks, words)


@pytest.mark.parametrize("case,name,breaks,words", BROKEN[::3], ids=[b[0] for b in BROKEN[::3]])
def test_rasa_running_the_actions_refuses_to_start(tmp_path, case, name, breaks, words):
    endpoints = write_endpoints(tmp_path / "endpoints.yml", None, tmp_path / "tracker.db")
    command = [str(BIN / "rasa"), "run", "--model", str(MODEL), "--port", "0", "--endpoints", str(endpoints)]
    refused([*command, "--credentials", str(ROOT / "credentials.yml")], tmp_path, name, breaks, words)

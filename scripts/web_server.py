"""Serve the chat page (web/) and tell it where Rasa listens; stdlib and bot/, for `make serve` and browser tests
(`python -m scripts.web_server`, from the project root).

The Rasa address is given at start (it differs between `make serve` and the tests), so the page reads it from
/config.js rather than having it written in the HTML. A strict Content-Security-Policy only lets the page run its
own scripts and talk to that Rasa server: even a widget bug could not run a script sent in a message.
The page's sentences (bot/answers.py, with French non-breaking spaces) and its list of clusters and secretariats
(knowledge/, where the facts live) are written into it at start, escaped: the page reads the same without JavaScript.
"""

import argparse
import html
import json
import re
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from bot.answers import PAGE_LABELS, Writer
from bot.french import NBSP, typeset
from bot.knowledge import Knowledge, KnowledgeError, load_knowledge

ROOT = Path(__file__).resolve().parent.parent
WEB_DIR = ROOT / "web"
GRAPPES_MARKER = "<!-- grappes : écrite par scripts/web_server.py depuis knowledge/ -->"
LABEL = re.compile(r"\{\{(\w+)\}\}")  # {{key}}: PAGE_LABELS[key]; an unknown key stops the server at start


def render_page(knowledge: Knowledge) -> bytes:
    """web/index.html with its sentences, then its list of clusters, each linked to its secretariat's site (in this
    order, so that a name from knowledge/ is never read as a {{key}})."""
    items, writer = [], Writer(knowledge)
    for grappe in knowledge.grappes:
        name, site = html.escape(grappe.nom, quote=False), html.escape(grappe.secretariat.site_web)
        secretariat = html.escape(grappe.secretariat.nom, quote=False)
        note = "" if grappe.liste_officielle else html.escape(writer.page_list_note(grappe), quote=False)
        items.append(
            f'<li><strong>{name}</strong>{NBSP}: <a href="{site}" target="_blank" rel="noopener">{secretariat}</a>'
            + (f' <span class="note">{note}</span></li>' if note else "</li>")
        )
    page = (WEB_DIR / "index.html").read_text(encoding="utf-8")
    page = LABEL.sub(lambda found: html.escape(typeset(PAGE_LABELS[found[1]])), page)
    return page.replace(GRAPPES_MARKER, "\n        ".join(items)).encode("utf-8")


class ChatPageHandler(SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        rasa_url = self.server.rasa_url
        rasa = urlsplit(rasa_url)
        sockets = f"{'wss' if rasa.scheme == 'https' else 'ws'}://{rasa.netloc}"
        self.send_header(
            "Content-Security-Policy",
            f"default-src 'self'; connect-src 'self' {rasa_url} {sockets}; "
            "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
        )
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def list_directory(self, path):
        """No folder listings: only the page and its files are served."""
        self.send_error(404)

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path in ("/", "/index.html"):
            self.send_body(self.server.page, "text/html")
        elif path == "/config.js":
            self.send_body(
                f"window.GRAPPES_CHAT = {json.dumps(self.server.settings, ensure_ascii=False)};\n".encode("utf-8"),
                "text/javascript",
            )
        else:
            super().do_GET()

    def send_body(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class ChatPageServer(ThreadingHTTPServer):
    def __init__(self, address, rasa_url: str, knowledge: Knowledge) -> None:
        super().__init__(address, partial(ChatPageHandler, directory=str(WEB_DIR)))
        self.rasa_url = rasa_url.rstrip("/")
        self.page = render_page(knowledge)
        self.settings = {"rasaUrl": self.rasa_url, **Writer(knowledge).page_settings()}


def main() -> None:
    parser = argparse.ArgumentParser(description="Sert la page de discussion (dossier web/).")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--rasa-url", default="http://localhost:5005", help="adresse du serveur Rasa (socket.io)")
    args = parser.parse_args()
    if not (WEB_DIR / "vendor" / "socket.io.min.js").exists():
        raise SystemExit("web/vendor/socket.io.min.js absent : lancez `make setup` (npm ci) d'abord.")
    try:
        knowledge = load_knowledge()
    except KnowledgeError as error:
        raise SystemExit(f"Connaissances invalides, page non servie : {error}") from None
    server = ChatPageServer(("127.0.0.1", args.port), args.rasa_url, knowledge)
    print(f"Page de discussion : http://localhost:{args.port}/ (Rasa : {args.rasa_url})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()

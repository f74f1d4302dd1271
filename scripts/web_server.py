"""Serve the chat page (web/) and tell it where Rasa listens; stdlib only, for `make serve` and the browser tests.

The Rasa address is given at start (it differs between `make serve` and the tests), so the page reads it from
/config.js rather than having it written in the HTML. A strict Content-Security-Policy only lets the page run its
own scripts and talk to that Rasa server: even a widget bug could not run a script sent in a message.
"""
import argparse
import json
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

WEB_DIR = Path(__file__).resolve().parent.parent / "web"


class ChatPageHandler(SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        rasa_url = self.server.rasa_url
        rasa = urlsplit(rasa_url)
        sockets = f"{'wss' if rasa.scheme == 'https' else 'ws'}://{rasa.netloc}"
        self.send_header("Content-Security-Policy",
                         f"default-src 'self'; connect-src 'self' {rasa_url} {sockets}; "
                         "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def list_directory(self, path):
        """No folder listings: only the page and its files are served."""
        self.send_error(404)

    def do_GET(self) -> None:
        if urlsplit(self.path).path != "/config.js":
            super().do_GET()
            return
        body = f"window.GRAPPES_CHAT = {json.dumps({'rasaUrl': self.server.rasa_url})};\n".encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/javascript; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class ChatPageServer(ThreadingHTTPServer):
    def __init__(self, address, rasa_url: str) -> None:
        super().__init__(address, partial(ChatPageHandler, directory=str(WEB_DIR)))
        self.rasa_url = rasa_url.rstrip("/")


def main() -> None:
    parser = argparse.ArgumentParser(description="Sert la page de discussion (dossier web/).")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--rasa-url", default="http://localhost:5005", help="adresse du serveur Rasa (socket.io)")
    args = parser.parse_args()
    if not (WEB_DIR / "vendor" / "socket.io.min.js").exists():
        raise SystemExit("web/vendor/socket.io.min.js absent : lancez `make setup` (npm ci) d'abord.")
    server = ChatPageServer(("127.0.0.1", args.port), args.rasa_url)
    print(f"Page de discussion : http://localhost:{args.port}/ (Rasa : {args.rasa_url})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()

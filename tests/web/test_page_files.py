"""The page's files, without a browser: its cluster list follows knowledge/, nothing comes from another site."""
import re

from servers import ROOT

WEB = ROOT / "web"


def test_the_page_lists_every_cluster_as_knowledge_has_it(knowledge):
    page = (WEB / "index.html").read_text(encoding="utf-8")
    for grappe in knowledge.grappes:
        assert f"<strong>{grappe.nom}</strong>" in page
        assert f'<a href="{grappe.secretariat.site_web}" target="_blank" rel="noopener">{grappe.secretariat.nom}</a>' in page


def test_scripts_and_styles_are_served_by_the_page_itself():
    page = (WEB / "index.html").read_text(encoding="utf-8")
    assets = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', page)
    assert assets and all(not re.match(r"(https?:)?//", asset) for asset in assets), assets


def test_message_content_is_never_written_as_html():
    widget = (WEB / "chat.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in widget

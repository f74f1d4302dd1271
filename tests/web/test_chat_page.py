"""A visitor's conversation on the chat page, in Chromium: answers, quick replies, reload, hostile text, 👎, phone."""

import subprocess
import urllib.request

from playwright.sync_api import expect

from bot.answers import PAGE_LABELS
from bot.french import typeset
from devstack.servers import ENV, ROOT

QUESTION = "Quel est le secrétariat de la grappe aérospatiale ?"
HOSTILE = "<img src=x onerror=alert(1)>"
SCREENSHOTS = ROOT / "reports" / "web"


def replies_after(page, before: int) -> str:
    """The text of the bot messages of the turn that follows the first `before` ones, once the turn is complete
    (the page records how many bot messages it shows when the channel says a turn is done)."""
    page.wait_for_function("n => Number(document.getElementById('chat-log').dataset.repliesShown || 0) > n", arg=before)
    return "\n".join(page.locator(".message-bot .message-text").all_inner_texts()[before:])


def ask(page, text: str) -> str:
    before = page.locator(".message-bot").count()
    page.get_by_label("Votre question").fill(text)
    page.get_by_label("Votre question").press("Enter")
    return replies_after(page, before)


def test_the_page_reads_the_same_without_javascript(page_without_script, knowledge):
    page = page_without_script
    expect(page).to_have_title(typeset(PAGE_LABELS["title"]))
    expect(page.get_by_role("heading", level=1)).to_have_text(PAGE_LABELS["heading"])
    expect(page.locator(".grappes li")).to_have_count(len(knowledge.grappes))
    expect(page.get_by_label(PAGE_LABELS["input_label"])).to_have_attribute(
        "placeholder", typeset(PAGE_LABELS["placeholder"])
    )
    expect(page.get_by_role("button", name=PAGE_LABELS["send"])).to_be_visible()


def test_answer_shows_typing_then_text_with_safe_links(page):
    page.get_by_label("Votre question").fill(QUESTION)
    typing_shown = page.evaluate("""() => {
        document.getElementById('chat-form').requestSubmit();
        return !document.getElementById('chat-typing').hidden;
    }""")
    assert typing_shown
    assert "Aéro Montréal" in replies_after(page, 1)
    expect(page.locator("#chat-typing")).to_be_hidden()
    link = page.locator(".message-bot a[href='https://www.aeromontreal.ca']").first
    expect(link).to_have_attribute("target", "_blank")
    assert "noopener" in link.get_attribute("rel")
    expect(page.locator("#chat-announcer")).to_contain_text("Aéro Montréal")


def test_quick_reply_sends_its_payload_and_shows_its_title(page):
    ask(page, QUESTION)
    before = page.locator(".message-bot").count()
    page.locator(".quick-replies button", has_text="Son site web").last.click()
    assert "aeromontreal.ca" in replies_after(page, before)
    expect(page.locator(".message-user").last).to_have_text("Vous : Son site web")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "chat.png"))


def test_reload_keeps_the_history_and_the_conversation(page):
    ask(page, QUESTION)
    page.reload()
    expect(page.locator(".message-user").first).to_contain_text(QUESTION)
    expect(page.locator(".message-bot").nth(1)).to_contain_text("Aéro Montréal")
    # Same session id after the reload: Rasa still knows which cluster we were talking about.
    assert "aeromontreal.ca" in ask(page, "c'est quoi leur site ?")


def test_html_in_a_message_is_shown_as_text_and_never_run(page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    assert ask(page, HOSTILE).strip()
    for _ in range(2):  # as sent, then as re-rendered from the history
        expect(page.locator(".message-user .message-text").last).to_have_text(f"Vous : {HOSTILE}")
        assert page.locator("#chat-log img").count() == 0
        page.reload()
    expect(page.locator(".message-user .message-text").last).to_have_text(f"Vous : {HOSTILE}")  # rendered again
    assert dialogs == []


def test_thumbs_down_is_stored_and_listed_in_the_staff_report(page, stack):
    question = "Quel est le site web de la grappe de la mode ?"
    assert "mmode.ca" in ask(page, question)
    before = page.locator(".message-bot").count()
    page.get_by_role("button", name="Réponse pas utile").click()
    assert "Merci de nous l'avoir signalé" in replies_after(page, before)
    expect(page.locator(".feedback-given")).to_contain_text("👎")
    expect(page.get_by_role("button", name="Réponse pas utile")).to_have_count(0)  # the thanks is not rated
    result = subprocess.run(
        ["make", "--no-print-directory", "report", f"REPORT_DB={stack.tracker_db}"],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    disliked = result.stdout.split("Réponses jugées inutiles 👎")[1]
    assert f"Question : « {question} »" in disliked
    assert "mmode.ca" in disliked


def test_phone_width_and_keyboard_only(phone_page):
    page = phone_page
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for _ in range(40):
        if page.evaluate("document.activeElement.id") == "chat-input":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "chat-input"
    before = page.locator(".message-bot").count()
    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")
    assert "Aéro Montréal" in replies_after(page, before)
    for _ in range(10):
        if page.evaluate("document.activeElement.textContent") == "Son site web":
            break
        page.keyboard.press("Shift+Tab")
    before = page.locator(".message-bot").count()
    page.keyboard.press("Enter")
    assert "aeromontreal.ca" in replies_after(page, before)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "chat-phone.png"))


def cors_origin(stack, origin: str):
    request = urllib.request.Request(f"{stack.url}/socket.io/?EIO=4&transport=polling", headers={"Origin": origin})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get("Access-Control-Allow-Origin")


def test_rasa_allows_browsers_only_from_the_page_origin(stack):
    assert cors_origin(stack, stack.page_origin) == stack.page_origin
    assert cors_origin(stack, "http://example.com") is None

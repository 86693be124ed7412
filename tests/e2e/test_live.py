"""A live session in two real browsers on the daphne server: the moderator starts the
session and opens a poll, a participant joins by code on a phone, asks a question,
the moderator approves it, the participant sees it, upvotes it and votes; axe-core on
the participant page, the moderator console and the projector view."""

import re

import pytest

from tests.e2e.browsing import new_context, sign_in

pytestmark = pytest.mark.e2e

MODERATOR = "moderator@voorstad.test"
QUESTION = "Kan het jongerenloket ook op zaterdag open?"
TYPO = "Kan het jongerenloket ook op zatredag open?"
DUPLICATE = "Is het jongerenloket op zaterdag open?"
POLL = "Hoe vaak zou je het jongerenloket gebruiken?"
PHONE = {"width": 360, "height": 740}
CONSULTATION = "Praat mee over wachten op jeugdhulp"  # participation.demo, Voorstad
SESSION = "Vragenuur over wachttijden"


def plan_session(page) -> str:
    """The moderator plans a session for the demo consultation of their
    municipality at /live/nieuw/ and lands in its console; returns the code."""
    page.goto("/live/")
    page.locator("main a[href$='/live/nieuw/']").click()
    if page.locator("#id_consultation option", has_text=CONSULTATION).count() == 0:
        pytest.fail(
            f"The demo consultation {CONSULTATION!r} is missing: seed_demo must "
            "seed participation.demo.seed_consultations"
        )
    page.select_option("#id_consultation", label=CONSULTATION)
    page.fill("#id_title", SESSION)
    page.fill("#id_starts_at", "2030-05-01T19:30")
    page.locator("input[name=moderation][value=pre]").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/live/[A-Z0-9]{6}/moderator/$"))
    return re.search(r"/live/([A-Z0-9]{6})/moderator/", page.url)[1]


def wait_online(page):
    page.locator("#live-status[data-status=online]").wait_for()


def test_live_session_journey(browser, live_server_url, axe, screenshot_dir):
    mod_context, mod = sign_in(browser, live_server_url, MODERATOR)
    code = plan_session(mod)

    # In the console the moderator starts the session and creates a poll.
    wait_online(mod)
    start = mod.locator("button[data-action='session.start']")
    start.click()
    mod.locator("[data-live-state-text][data-state=live]").first.wait_for()
    mod.select_option("#live-poll-kind", "single")
    mod.fill("#live-poll-question", POLL)
    mod.fill("#live-poll-options-text", "Elke week\nSoms\nNooit")
    mod.locator("#live-poll-form button[type=submit]").click()
    poll_item = mod.locator("#live-polls > li", has_text=POLL)
    poll_item.wait_for()
    poll_item.locator("button[data-action='poll.open']").click()
    poll_item.locator("button[data-action='poll.close']").wait_for()

    # A participant joins by code on a phone, in lower case.
    phone_context = new_context(browser, live_server_url, PHONE, phone=True)
    phone = phone_context.new_page()
    phone.goto("/live/")
    phone.fill("input[name=code]", "nope12")
    phone.locator("main form button[type=submit]").click()
    assert phone.locator("#id_code[aria-invalid=true]").count() == 1
    assert phone.input_value("input[name=code]") == "nope12"
    phone.fill("input[name=code]", code.lower())
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url(f"**/live/{code}/")
    phone.fill("#live-nickname", "Jesse")
    phone.locator("#live-nickname-form button[type=submit]").click()
    wait_online(phone)
    phone.locator("#live-poll", has_text=POLL).wait_for()

    # Asks a question, with a typo; in pre-moderation it waits for approval.
    phone.fill("#live-ask-text", TYPO)
    phone.locator("#live-ask-form button[type=submit]").click()
    phone.locator("#live-ask-note").wait_for()
    assert phone.input_value("#live-ask-text") == ""
    assert phone.locator("#live-questions", has_text=QUESTION).count() == 0
    phone.screenshot(path=screenshot_dir / "live-participant-asked.png", full_page=True)
    axe(phone, "live-participant")

    # The moderator corrects the typo and approves it; the asker's words stay in
    # the record.
    pending = mod.locator("#live-pending > li", has_text=TYPO)
    pending.wait_for()
    pending.locator("summary").click()
    pending.get_by_label("Vraag").fill(QUESTION)
    axe(mod, "live-moderator-correcting")
    mod.screenshot(
        path=screenshot_dir / "live-moderator-correcting.png", full_page=True
    )
    pending.get_by_role("button", name="Verbeterd goedkeuren").click()
    mod.locator("#live-questions > li", has_text=QUESTION).wait_for()
    assert mod.locator("#live-pending > li", has_text=TYPO).count() == 0
    assert mod.locator("#live-pending-count").inner_text() == "0"

    # The participant sees it live, upvotes it once, and votes in the poll.
    published = phone.locator("#live-questions > li", has_text=QUESTION)
    published.wait_for()
    upvote = published.locator("button.live-upvote")
    upvote.click()
    phone.wait_for_function(
        "() => document.querySelector('#live-questions .live-upvote')"
        ".getAttribute('aria-pressed') === 'true'"
    )
    assert upvote.is_disabled()
    published.locator(".live-upvote__count", has_text="1").wait_for()
    phone.get_by_label("Soms").check()
    phone.locator("#live-poll form button[type=submit]").click()
    phone.locator("#live-poll .live-results").wait_for()
    phone.locator("#live-poll .live-result", has_text="Soms").wait_for()
    phone.screenshot(path=screenshot_dir / "live-participant-voted.png", full_page=True)
    axe(phone, "live-participant-voted")

    # The participant asks the same again; the moderator approves it and merges
    # it into the first: everyone sees one question.
    phone.fill("#live-ask-text", DUPLICATE)
    phone.locator("#live-ask-form button[type=submit]").click()
    duplicate = mod.locator("#live-pending > li", has_text=DUPLICATE)
    duplicate.wait_for()
    duplicate.locator("button[data-action='question.approve']").click()
    phone.locator("#live-questions > li", has_text=DUPLICATE).wait_for()
    duplicate = mod.locator("#live-questions > li", has_text=DUPLICATE)
    duplicate.locator(".live-merge summary").click()
    duplicate.get_by_label("De vraag die blijft").select_option(label=QUESTION)
    axe(mod, "live-moderator-merging")
    duplicate.get_by_role("button", name="Samenvoegen").click()
    mod.locator("#live-questions > li", has_text=DUPLICATE).wait_for(state="detached")
    phone.locator("#live-questions > li", has_text=DUPLICATE).wait_for(state="detached")
    assert phone.locator("#live-questions > li", has_text=QUESTION).count() == 1

    # The moderator's console shows the vote live.
    poll_item.locator(".live-result", has_text="Soms").locator(
        ".live-result__count", has_text="1"
    ).wait_for()
    mod.screenshot(path=screenshot_dir / "live-moderator.png", full_page=True)
    axe(mod, "live-moderator")

    # The projector shows the question and the open poll's results.
    screen = mod_context.new_page()
    screen.goto(f"/live/{code}/scherm/")
    wait_online(screen)
    screen.locator("#live-questions", has_text=QUESTION).wait_for()
    screen.locator("#live-poll", has_text=POLL).wait_for()
    assert screen.locator(".live-qr svg").count() == 1
    screen.screenshot(path=screenshot_dir / "live-projector.png", full_page=True)
    axe(screen, "live-projector")

    # The participant loses the connection; meanwhile the moderator answers and
    # pins the question. On reconnect the client resumes from its last seq and gets
    # exactly the missed events (a replay, not a snapshot).
    seq_before, snapshots_before = phone.evaluate(
        """() => { const live = window.inspraakLive; live.pause();
                   return [live.conn.lastSeq, live.state.snapshots]; }"""
    )
    phone.locator("#live-status[data-status=offline]").wait_for()
    mine = mod.locator("#live-questions > li", has_text=QUESTION)
    mine.locator("details.live-answer summary").click()
    mine.locator("textarea[name=answer]").fill("Ja, vanaf maart.")
    mine.locator("form.live-answer__form button[type=submit]").click()
    mine.locator(".live-question__answer", has_text="Ja, vanaf maart.").wait_for()
    mine.locator("button[data-action='question.pin']").click()
    mine.locator("button[data-action='question.unpin']").wait_for()
    phone.evaluate("() => window.inspraakLive.resume()")
    wait_online(phone)
    published = phone.locator("#live-questions > li", has_text=QUESTION)
    published.locator(".live-question__answer", has_text="Ja, vanaf maart.").wait_for()
    published.locator(".live-badge--pinned").wait_for()
    assert phone.evaluate("() => window.inspraakLive.conn.lastSeq") == seq_before + 2
    assert phone.evaluate("() => window.inspraakLive.state.snapshots") == (
        snapshots_before
    )

    # A reload keeps the participant's identity: no nickname asked, upvote kept.
    phone.reload()
    wait_online(phone)
    assert not phone.locator("#live-nickname-form").is_visible()
    phone.locator("#live-questions > li", has_text=QUESTION).wait_for()
    assert phone.locator("#live-questions .live-upvote").first.is_disabled()

    # A participant cannot open the console.
    response = phone.goto(f"/live/{code}/moderator/")
    assert response.status == 403

    phone_context.close()
    mod_context.close()

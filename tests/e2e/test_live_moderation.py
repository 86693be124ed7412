"""Moderating a live session where questions appear at once, in real browsers: the
word filter holds a question (its asker is told kindly) until the moderator
approves it by keyboard; two similar questions are merged and both askers see one
question with the combined support; participants give pace feedback and the
moderator's meter shows it; polls and answers are run by keyboard with the focus
kept; axe-core on the three pages; the projector at 1920×1080 with no text under
28 px; no motion when the person asks for less."""

import re

import pytest

from tests.e2e.browsing import PHONE, new_context, sign_in

pytestmark = pytest.mark.e2e

MODERATOR = "moderator@voorstad.test"
CONSULTATION = "Praat mee over wachten op jeugdhulp"  # participation.demo, Voorstad
SESSION = "Open vragenuur over de wachtlijst"
HELD = "Waarom duurt het zo kut lang voordat je hulp krijgt?"  # a word of the list
DUPLICATE = "Waarom duurt het zo lang voor je hulp krijgt?"
PINNED = "Kan ik tijdens het wachten al met iemand praten?"
POLL = "Wat helpt jou het meest tijdens het wachten?"
ANSWER = "We zoeken meer hulpverleners, en je kunt al eerder bellen."
HELD_NOTE = (  # djangojs.po, the Dutch of participant.js's note for `held: words`
    "Dank je! Je vraag wacht even: er staat een woord in waar een moderator eerst "
    "naar kijkt."
)
PROJECTOR = {"width": 1920, "height": 1080}
PROJECTOR_MIN_TEXT_PX = 28  # live.css: --projector-min-text

FOCUSED = """() => {
  const a = document.activeElement;
  const holder = a.closest('[data-action]');
  const item = a.closest('li[data-id]');
  const style = getComputedStyle(a);
  return {
    tag: a.tagName.toLowerCase(), id: a.id,
    action: holder ? holder.dataset.action : null,
    item: item ? item.dataset.id : null,
    list: item ? item.parentElement.id : null,
    outline: style.outlineStyle + ' ' + style.outlineWidth,
  };
}"""

SMALLEST_TEXT = """() => {
  let smallest = null;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || !el) continue;
    if (el.closest('.visually-hidden, [hidden], script, style, noscript, svg')) continue;
    const rect = el.getBoundingClientRect();
    const outside = rect.bottom <= 0 || rect.right <= 0 || rect.left >= innerWidth;
    if (!rect.width || !rect.height || outside) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.opacity === '0') continue;
    const size = parseFloat(style.fontSize);
    if (!smallest || size < smallest.size) {
      smallest = {size: size, text: node.textContent.trim().slice(0, 60),
                  element: el.tagName.toLowerCase() + '.' + el.className};
    }
  }
  return smallest;
}"""

MOVING = """() => {
  const moving = [];
  for (const el of document.querySelectorAll('*')) {
    for (const pseudo of [null, '::before', '::after']) {
      const style = getComputedStyle(el, pseudo);
      const durations = (style.transitionDuration + ',' + style.animationDuration)
        .split(',').map(parseFloat);
      if (durations.some((d) => d > 0) || style.scrollBehavior === 'smooth') {
        moving.push(el.tagName.toLowerCase() + '.' + el.className + (pseudo || ''));
      }
    }
  }
  return moving.slice(0, 10);
}"""


def plan_open_session(page) -> str:
    """The moderator plans a session where questions appear at once (post-
    moderation) and lands in its console; returns the join code."""
    page.goto("/live/")
    page.locator("main a[href$='/live/nieuw/']").click()
    page.select_option("#id_consultation", label=CONSULTATION)
    page.fill("#id_title", SESSION)
    page.fill("#id_starts_at", "2030-05-01T19:30")
    page.locator("input[name=moderation][value=post]").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/live/[A-Z0-9]{6}/moderator/$"))
    return re.search(r"/live/([A-Z0-9]{6})/moderator/", page.url)[1]


def wait_online(page):
    page.locator("#live-status[data-status=online]").wait_for()


def join(browser, base_url, code, nickname):
    context = new_context(browser, base_url, PHONE, phone=True)
    phone = context.new_page()
    phone.goto(f"/live/{code}/")
    phone.fill("#live-nickname", nickname)
    phone.locator("#live-nickname-form button[type=submit]").click()
    wait_online(phone)
    return context, phone


def ask(phone, text):
    phone.fill("#live-ask-text", text)
    phone.locator("#live-ask-form button[type=submit]").click()
    phone.locator("#live-ask-note:not([hidden])").wait_for()


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def press(page, locator, key="Enter"):
    """Put the keyboard focus on `locator` and press `key`: no mouse."""
    locator.focus()
    page.keyboard.press(key)


def meter_text(mod, signal):
    return mod.locator(f"#live-pace-meter [data-signal={signal}]").locator(
        ".live-pace-meter__text"
    )


def test_moderating_a_session_by_keyboard_with_pace_feedback(
    browser, live_server_url, axe, screenshot_dir
):
    mod_context, mod = sign_in(browser, live_server_url, MODERATOR)
    code = plan_open_session(mod)
    wait_online(mod)

    # The moderator starts the session by keyboard; the focus moves on to the
    # button that replaces it ("End the session"), visibly.
    press(mod, mod.locator("button[data-action='session.start']"))
    mod.locator("[data-live-state-text][data-state=live]").first.wait_for()
    now = focused(mod)
    assert now["action"] == "session.end", now
    assert not now["outline"].startswith("none"), now

    jesse_context, jesse = join(browser, live_server_url, code, "Jesse")
    noor_context, noor = join(browser, live_server_url, code, "Noor")

    # A question with a word of the filter waits, also where questions appear at
    # once, and its asker is told why, kindly.
    ask(jesse, HELD)
    assert jesse.locator("#live-ask-note").inner_text() == HELD_NOTE
    assert jesse.locator("#live-questions > li", has_text=HELD).count() == 0
    assert noor.locator("#live-questions > li", has_text=HELD).count() == 0
    held = mod.locator("#live-pending > li", has_text=HELD)
    held.wait_for()
    axe(mod, "live-moderation-held")

    # The moderator approves it by keyboard; the queue is empty and the focus
    # lands on the note that says so, not on the page's start.
    press(mod, held.locator("button[data-action='question.approve']"))
    mod.locator("#live-questions > li", has_text=HELD).wait_for()
    assert mod.locator("#live-pending > li").count() == 0
    assert focused(mod)["id"] == "live-pending-empty"
    jesse.locator("#live-questions > li", has_text=HELD).wait_for()
    noor.locator("#live-questions > li", has_text=HELD).wait_for()

    # Noor asks much the same; it appears at once. The moderator supports it too,
    # then merges it into Jesse's, by keyboard.
    ask(noor, DUPLICATE)
    duplicate = mod.locator("#live-questions > li", has_text=DUPLICATE)
    duplicate.wait_for()
    duplicate.locator("button.live-upvote").click()
    duplicate.locator(".live-upvote__count", has_text="1").wait_for()
    press(mod, duplicate.locator(".live-merge summary"))
    mod.keyboard.press("Tab")  # to the choice of the question that stays
    assert focused(mod)["tag"] == "select"
    assert duplicate.locator("select[name=into_id] option:checked").inner_text() == (
        HELD
    )
    mod.keyboard.press("Tab")  # to "Merge"
    mod.keyboard.press("Enter")
    duplicate.wait_for(state="detached")
    after_merge = focused(mod)
    assert after_merge["tag"] != "body", after_merge
    assert after_merge["list"] == "live-questions", after_merge

    # Both askers see one question with the combined support: Noor's own and the
    # moderator's upvote moved with it.
    for phone in (jesse, noor):
        phone.locator("#live-questions > li", has_text=DUPLICATE).wait_for(
            state="detached"
        )
        merged = phone.locator("#live-questions > li", has_text=HELD)
        merged.locator(".live-upvote__count", has_text="2").wait_for()
    noor_upvote = noor.locator("#live-questions > li", has_text=HELD).locator(
        "button.live-upvote"
    )
    assert noor_upvote.get_attribute("aria-pressed") == "true"

    # The moderator answers it by keyboard; the focus returns to the answer's
    # summary, and the askers' screen readers hear of the answer.
    answered = mod.locator("#live-questions > li", has_text=HELD)
    press(mod, answered.locator("details.live-answer > summary"))
    mod.keyboard.press("Tab")
    mod.keyboard.type(ANSWER)
    mod.keyboard.press("Tab")
    mod.keyboard.press("Enter")
    answered.locator(".live-question__answer", has_text=ANSWER).wait_for()
    assert focused(mod)["tag"] == "summary"
    jesse.locator("#live-announcer", has_text=HELD).wait_for()

    # Noor asks another; the moderator pins it by keyboard: it moves to the top
    # of the list, and the focus moves with it (its button now says "unpin").
    ask(noor, PINNED)
    pinned = mod.locator("#live-questions > li", has_text=PINNED)
    pinned.wait_for()
    press(mod, pinned.locator("button[data-action='question.pin']"))
    mod.locator("#live-questions > li:first-child", has_text=PINNED).locator(
        "button[data-action='question.unpin']"
    ).wait_for()
    now = focused(mod)
    assert (now["action"], now["list"]) == ("question.unpin", "live-questions"), now

    # A poll, opened with the space bar and closed with Enter: the focus moves
    # to the button that replaces the one pressed each time.
    mod.select_option("#live-poll-kind", "single")
    mod.fill("#live-poll-question", POLL)
    mod.fill("#live-poll-options-text", "Iemand om mee te praten\nInformatie\nNiets")
    mod.locator("#live-poll-form button[type=submit]").click()
    poll = mod.locator("#live-polls > li", has_text=POLL)
    poll.wait_for()
    press(mod, poll.locator("button[data-action='poll.open']"), "Space")
    poll.locator("button[data-action='poll.close']:not([hidden])").wait_for()
    assert focused(mod)["action"] == "poll.close"
    jesse.get_by_label("Iemand om mee te praten").check()
    jesse.locator("#live-poll form button[type=submit]").click()
    noor.get_by_label("Iemand om mee te praten").check()
    noor.locator("#live-poll form button[type=submit]").click()
    poll.locator(".live-result", has_text="Iemand").locator(
        ".live-result__count", has_text="2"
    ).wait_for()

    # Pace: Jesse finds it too fast, Noor does not get it and takes it back.
    jesse.locator("#live-pace button[data-signal=too_fast]").click()
    jesse.locator("#live-pace-note:not([hidden])").wait_for()
    assert (
        jesse.locator("#live-pace button[data-signal=too_fast]").get_attribute(
            "aria-pressed"
        )
        == "true"
    )
    noor.locator("#live-pace button[data-signal=lost]").click()
    meter_text(mod, "too_fast").filter(has_text="1 van 2 vindt").wait_for()
    meter_text(mod, "lost").filter(has_text="1 van 2 snapt").wait_for()
    assert meter_text(mod, "too_slow").inner_text().startswith("0 van 2")
    noor.locator("#live-pace button[data-signal=lost][aria-pressed=true]").click()
    noor.locator("#live-pace button[data-signal=lost][aria-pressed=false]").wait_for()
    meter_text(mod, "lost").filter(has_text="0 van 2").wait_for()
    # Half the room is a lot: said once to a screen reader, marked for the eye.
    assert mod.locator(".live-pace-meter__row--high[data-signal=too_fast]").count()
    mod.locator("#live-announcer", has_text="1 van 2 vindt het te snel").wait_for()

    # What the participants and the projector never see: the meter.
    assert jesse.locator("#live-pace-meter").count() == 0
    jesse.screenshot(
        path=screenshot_dir / "live-moderation-participant.png", full_page=True
    )
    axe(jesse, "live-moderation-participant")
    mod.screenshot(path=screenshot_dir / "live-moderation-console.png", full_page=True)
    axe(mod, "live-moderation-console")

    # The projector at 1920×1080, read from the back of the room.
    screen = mod_context.new_page()
    screen.set_viewport_size(PROJECTOR)
    screen.goto(f"/live/{code}/scherm/")
    wait_online(screen)
    screen.locator("#live-questions", has_text=HELD).wait_for()
    screen.locator("#live-pinned", has_text=PINNED).wait_for()
    screen.locator("#live-poll", has_text=POLL).wait_for()
    assert screen.locator("#live-pace-meter, #live-pace").count() == 0
    smallest = screen.evaluate(SMALLEST_TEXT)
    assert smallest["size"] >= PROJECTOR_MIN_TEXT_PX, smallest
    screen.screenshot(path=screenshot_dir / "live-moderation-projector-1080p.png")
    axe(screen, "live-moderation-projector")

    # Closing the poll by keyboard; its result is read out on the phones.
    press(mod, poll.locator("button[data-action='poll.close']"))
    poll.locator("button[data-action='poll.open']:not([hidden])").wait_for()
    assert focused(mod)["action"] == "poll.open"
    jesse.locator("#live-announcer", has_text="Iemand om mee te praten").wait_for()

    # Less motion, where the person asks for it: nothing moves on the pages.
    for page in (jesse, mod, screen):
        page.emulate_media(reduced_motion="reduce")
        assert page.evaluate(MOVING) == [], page.url

    screen.close()
    jesse_context.close()
    noor_context.close()
    mod_context.close()

"""From many voices to "you said, we did": a young person asks to hear what happens
with the input of "Veilig online"; Noorddorp's policy officer starts the theme
suggestion, sees it wait for the worker and finish, accepts and renames two themes,
merges two others, writes "we did", publishes, and the young person gets the
e-mail; the report renders as a page and as a PDF. axe-core on the workspace, the
write page and the report."""

import re

import pytest

from tests.e2e.browsing import PHONE, new_context, sign_in

from .mail import wait_for_link

pytestmark = pytest.mark.e2e

CONSULTATION = "/raadplegingen/veilig-online/"
ORGANISER = "beleid@noorddorp.test"
YOUNG = "jongere-veilig-online@example.org"


def card_ids(page, section: str) -> list[str]:
    cards = page.locator(f"section:has(#{section}-heading) li.theme-card")
    return [cards.nth(i).get_attribute("id") for i in range(cards.count())]


def act(page, card: str, action: str, **fields):
    form = page.locator(f"#{card} form:has(input[name=action][value={action}])")
    for name, value in fields.items():
        if name == "into":
            form.locator("select[name=into]").select_option(value)
        else:
            form.locator(f"input[name={name}]").fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".message--error").count() == 0, page.locator(
        ".messages"
    ).inner_text()


def test_organiser_turns_input_into_you_said_we_did(
    browser, live_server_url, axe, screenshot_dir, mail_dir, run_heavy_tasks
):
    # A young person leaves an e-mail address to hear what was done.
    young_context = new_context(browser, live_server_url, PHONE, phone=True)
    young = young_context.new_page()
    young.goto(CONSULTATION)
    young.fill("#subscribe-form input[name=email]", YOUNG)
    young.check("#subscribe-form input[name=consent]")
    young.locator("#subscribe-form button[type=submit]").click()
    young.wait_for_load_state()
    assert young.locator(".message--success").count() == 1

    # The organiser finds the workspace from the consultation page.
    context, page = sign_in(browser, live_server_url, ORGANISER)
    page.goto(CONSULTATION)
    page.locator("#themes-link").click()
    page.wait_for_load_state()
    assert re.search(r"/doe-mee/\d+/themas/$", page.url)
    axe(page, "themes-workspace-empty")

    # Start: the run waits for the worker, with its progress shown.
    page.fill("#id_min_themes", "4")
    page.fill("#id_max_themes", "6")
    page.locator("#start-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#run-progress-bar").is_visible()
    assert page.locator("#run-step").inner_text().endswith("(0%)")
    page.screenshot(path=screenshot_dir / "themes-progress.png", full_page=True)
    run_heavy_tasks()
    page.wait_for_selector("#run-done", timeout=20_000)  # progress.js reloads
    suggested = card_ids(page, "suggested")
    assert 4 <= len(suggested) <= 6
    axe(page, "themes-workspace")
    page.screenshot(path=screenshot_dir / "themes-workspace.png", full_page=True)

    # One theme's own page: all its input, and a piece moved to another theme.
    first, second, third, fourth = suggested[:4]
    page.locator(f"#{third} a[href*='/doe-mee/thema/']").first.click()
    page.wait_for_load_state()
    axe(page, "themes-theme")
    pieces = page.locator("ol.theme-inputs li")
    before = pieces.count()
    pieces.first.locator("select[name=to]").select_option(fourth.removeprefix("theme-"))
    pieces.first.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".message--success").count() == 1
    assert page.locator("ol.theme-inputs li").count() == before - 1
    page.locator("main p.meta a").first.click()  # back to the workspace
    page.wait_for_load_state()

    # Accept two with a name of her own, rename one, merge two others.
    act(page, first, "accept", name="Foto's delen zonder te vragen")
    act(page, second, "accept", name="Hulp vragen")
    act(page, first, "rename", name="Foto's en druk om te sturen")
    act(page, third, "merge", into=fourth.removeprefix("theme-"))
    assert page.locator(f"#{third}").count() == 0
    accepted = card_ids(page, "accepted")
    assert accepted == [first, second]
    assert "Foto's en druk om te sturen" in page.locator(f"#{first} h3").inner_text()

    # "We did" for both accepted themes.
    for card, did in [
        (first, "Op school komt een les over foto's en grenzen."),
        (second, "Er komt een chat waar je anoniem iets kunt melden."),
    ]:
        page.locator(f"#{card} a[href$='/wij-deden/']").click()
        page.wait_for_load_state()
        if card == first:
            axe(page, "themes-write")
        page.fill("#id_what_we_did", did)
        page.locator("#write-form button[type=submit]").click()
        page.wait_for_load_state()

    # Publish; the young person gets the e-mail.
    page.locator("a[href$='/terugkoppeling-publiceren/']").click()
    page.wait_for_load_state()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith(CONSULTATION)
    feedback = page.locator("#feedback")
    assert "Foto's en druk om te sturen" in feedback.inner_text()
    assert "Er komt een chat" in feedback.inner_text()
    assert wait_for_link(mail_dir, YOUNG, CONSULTATION).startswith(CONSULTATION)

    # Each item cites its sources: a link opens the contribution on the item's page.
    feedback.locator("details summary").first.click()
    cited = feedback.locator("details a[href*='#contribution-']").first
    anchor = cited.get_attribute("href").split("#")[1]
    cited.click()
    page.wait_for_load_state()
    assert page.locator(f"#{anchor}").is_visible()
    axe(page, "feedback-sources")

    # The report, as a page and as a PDF, from the consultation page.
    young.goto(CONSULTATION)
    young.locator("#feedback a[href$='/verslag/']").click()
    young.wait_for_load_state()
    assert "Foto's en druk om te sturen" in young.locator("main").inner_text()
    axe(young, "consultation-report")
    young.screenshot(path=screenshot_dir / "consultation-report.png", full_page=True)
    pdf_link = young.locator("a[href$='/verslag.pdf']").first.get_attribute("href")
    response = young_context.request.get(pdf_link)
    assert response.ok and response.body().startswith(b"%PDF")
    (screenshot_dir / "consultation-report.pdf").write_bytes(response.body())
    young_context.close()
    context.close()

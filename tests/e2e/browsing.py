"""How a journey opens a browser window and signs in: one place for every e2e test.

Every window bypasses the CSP (the site only runs scripts with its nonce; axe is
injected), speaks Dutch and waits at most 15 seconds for an element."""

DEMO_PASSWORD = "inspraak-demo"  # every demo account's password (seed_demo)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def new_context(browser, base_url, viewport=DESKTOP, *, phone=False, timeout=15_000):
    """A fresh browser window (its own cookies): a second person in the journey."""
    context = browser.new_context(
        base_url=base_url,
        viewport=viewport,
        is_mobile=phone,
        has_touch=phone,
        bypass_csp=True,
        locale="nl-NL",
    )
    context.set_default_timeout(timeout)
    return context


def sign_in(browser, base_url, email, *, password=DEMO_PASSWORD, viewport=DESKTOP):
    """A new window in which `email` signed in through the login page."""
    context = new_context(browser, base_url, viewport)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    return context, page

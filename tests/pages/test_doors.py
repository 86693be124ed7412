"""The doors of the home page, the main menu made from them, and the breadcrumbs
on deep pages (inspraak.pages.doors, inspraak_tags.main_menu and breadcrumbs)."""

import re

from django.utils import timezone

from wagtail.blocks import StructBlockValidationError

import pytest

from inspraak.pages.blocks import DoorBlock
from inspraak.pages.models import HomePage

pytestmark = pytest.mark.django_db

DOOR = re.compile(
    r'<a class="door" href="([^"]+)">\s*<span class="door__title">([^<]+)<'
)


def doors(html: str) -> list[tuple[str, str]]:
    return [(title.strip(), url) for url, title in DOOR.findall(html)]


def menu(html: str) -> str:
    start = html.index('<nav class="site-nav"')
    return html[start : html.index("</nav>", start)]


@pytest.mark.parametrize(
    ("home", "expected"),
    [
        (
            "/",
            [
                "Doe mee",
                "Adviesraden",
                "Ervaringsdeskundigen",
                "Ik heb een klacht of ben het ergens niet mee eens",
                "Hulp en veiligheid",
            ],
        ),
        (
            "/en/",
            [
                "Take part",
                "Advisory councils",
                "Experience experts",
                "I have a complaint or I disagree with something",
                "Help and safety",
            ],
        ),
    ],
)
def test_the_home_page_has_five_doors_that_all_open(client, demo_site, home, expected):
    found = doors(client.get(home).content.decode())
    assert [title for title, _url in found] == expected
    for title, url in found:
        response = client.get(url, follow=True)
        assert response.status_code == 200, (title, url)


def test_the_english_doors_lead_to_english_views(client, demo_site):
    urls = dict(doors(client.get("/en/").content.decode()))
    assert urls["I have a complaint or I disagree with something"].startswith("/en/")
    assert urls["Help and safety"] == "/en/hulp/"


def test_the_take_part_door_says_what_is_open_now(client, demo_site):
    from participation.models import ConsultationPage

    # The records: an English translation is the same consultation.
    open_now = (
        ConsultationPage.objects.live()
        .public()
        .filter(locale__language_code="nl")
        .open_on(timezone.now())
        .count()
    )
    html = client.get("/").content.decode()
    assert open_now > 0
    expected = f"{open_now} raadpleging{'en zijn' if open_now != 1 else ' is'} nu open."
    assert expected in html


def test_every_page_has_the_doors_in_its_menu(client, demo_site):
    html = client.get("/adviesraden/jongerenraad-voorstad/").content.decode()
    nav = menu(html)
    for name in ("Doe mee", "Adviesraden", "Ervaringsdeskundigen", "Klacht of bezwaar"):
        assert f">{name}</a>" in nav
    english = menu(client.get("/en/zoeken/").content.decode())
    assert (
        ">Complaint or objection</a>" in english and 'href="/en/klachten/"' in english
    )


def test_the_menu_marks_where_you_are(client, demo_site):
    nav = menu(client.get("/adviesraden/").content.decode())
    assert (
        '<a class="utrecht-link utrecht-nav-list__link" href="/adviesraden/" '
        'aria-current="page">Adviesraden</a>'
    ) in nav


def test_a_door_that_leads_nowhere_is_left_out(client, demo_site):
    home = HomePage.objects.get(locale__language_code="nl")
    raw = list(home.doors.raw_data)
    raw[0]["value"]["page"] = None
    raw[0]["value"]["route"] = "no-such:route"
    home.doors = raw
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert "Doe mee" not in [title for title, _url in doors(html)]
    assert ">Doe mee</a>" not in menu(html)


def test_a_door_needs_a_page_or_a_route():
    block = DoorBlock()
    value = block.to_python(
        {"title": "Doe mee", "text": "Kom", "page": None, "route": "", "facts": ""}
    )
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_deep_pages_show_the_way_back(client, demo_site):
    html = client.get(
        "/adviesraden/jongerenraad-voorstad/jongeren-praten-mee-over-inkoop/"
    ).content.decode()
    crumbs = html[html.index('<nav class="breadcrumbs') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    link = '<a class="utrecht-link utrecht-breadcrumb-nav__link" href="{}">{}</a>'
    assert link.format("/", "Inspraak") in crumbs
    assert link.format("/adviesraden/", "Adviesraden") in crumbs
    assert 'href="/adviesraden/jongerenraad-voorstad/">' in crumbs
    assert re.search(
        r'<li [^>]*aria-current="page"><span [^>]*>Jongeren praten mee over inkoop<',
        crumbs,
    )


def test_the_home_and_its_children_need_no_breadcrumbs(client, demo_site):
    for url in ("/", "/adviesraden/"):
        assert 'class="breadcrumbs' not in client.get(url).content.decode()

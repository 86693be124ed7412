"""The guided questions: where the answers lead, that Back keeps answers, and that
someone who is unsafe gets help at once and nothing is kept."""

import re

import pytest

from complaints.route import QUESTIONS, Route, route
from complaints.views.questions import ANSWERS_KEY

ROUTES = [
    # about, what, want → route
    ("municipality", "decision", "change", Route.OBJECTION),
    ("municipality", "decision", "heard", Route.OBJECTION),
    ("municipality", "conduct", "heard", Route.MUNICIPAL_COMPLAINT),
    ("municipality", "other", "change", Route.MUNICIPAL_COMPLAINT),
    ("provider", "conduct", "heard", Route.PROVIDER_COMPLAINT),
    ("provider", "decision", "change", Route.PROVIDER_COMPLAINT),
    ("unsure", "decision", "change", Route.OBJECTION),
    ("unsure", "conduct", "heard", Route.CONFIDENTIAL_ADVISER),
    ("municipality", "decision", "talk", Route.CONFIDENTIAL_ADVISER),
    ("provider", "conduct", "talk", Route.CONFIDENTIAL_ADVISER),
]


@pytest.mark.parametrize(("about", "what", "want", "expected"), ROUTES)
def test_answers_lead_to_a_route(about, what, want, expected):
    answers = {"safety": "no", "about": about, "what": what, "want": want}
    assert route(answers) == expected


def test_unsafe_needs_no_other_answer():
    assert route({"safety": "yes"}) == Route.SAFETY


def test_missing_answers_have_no_route():
    with pytest.raises(ValueError):
        route({"safety": "no", "about": "provider"})


def _url(question):
    return f"/klachten/vraag/{question.slug}/"


@pytest.mark.django_db
def test_someone_unsafe_sees_veilig_thuis_and_112_and_nothing_is_kept(client):
    client.post(_url(QUESTIONS[1]), {"answer": "municipality", "next": "1"})
    response = client.post(
        _url(QUESTIONS[0]), {"answer": "yes", "next": "1"}, follow=True
    )
    html = response.content.decode()
    assert "0800-2000" in html and 'href="tel:112"' in html
    assert ANSWERS_KEY not in client.session


@pytest.mark.django_db
def test_back_and_next_keep_the_answers(client):
    first, second, third, fourth = QUESTIONS
    client.post(_url(first), {"answer": "no", "next": "1"})
    client.post(_url(second), {"answer": "provider", "next": "1"})
    # Back without choosing on the third screen, then back again.
    response = client.post(_url(third), {"back": "1"})
    assert response.url == _url(second)
    html = client.get(_url(second)).content.decode()
    assert re.search(r'<input[^>]*value="provider"[^>]*checked', html)
    response = client.post(_url(second), {"answer": "provider", "next": "1"})
    assert response.url == _url(third)
    client.post(_url(third), {"answer": "conduct", "next": "1"})
    # Back from the last question with a choice keeps that choice too.
    client.post(_url(fourth), {"answer": "heard", "back": "1"})
    assert client.session[ANSWERS_KEY] == {
        "safety": "no",
        "about": "provider",
        "what": "conduct",
        "want": "heard",
    }
    response = client.post(_url(fourth), {"answer": "heard", "next": "1"})
    assert response.url == "/klachten/uitkomst/"


@pytest.mark.django_db
def test_next_without_an_answer_asks_for_one(client):
    response = client.post("/en" + _url(QUESTIONS[0]), {"next": "1"})
    assert response.status_code == 200
    assert "Choose one of the answers." in response.content.decode()


@pytest.mark.django_db
def test_result_explains_the_objection_period_with_the_last_day(client):
    session = client.session
    session[ANSWERS_KEY] = {
        "safety": "no",
        "about": "municipality",
        "what": "decision",
        "want": "change",
    }
    session.save()
    response = client.get("/en/klachten/uitkomst/", {"received_on": "2026-02-20"})
    html = response.content.decode()
    # 6 weeks → Good Friday 3 April; Easter → Tuesday 7 April 2026 (Atw).
    assert "Tuesday 7 April 2026" in html
    assert "Awb 7:10" in html
    assert "088 555 1000" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("answers", "text"),
    [
        (("municipality", "conduct", "heard"), "Awb 9:11"),
        (("provider", "conduct", "heard"), "Jeugdwet 4.2.1"),
        (("unsure", "other", "talk"), "www.akj.nl"),
    ],
)
def test_every_result_offers_the_confidential_adviser(client, answers, text):
    session = client.session
    session[ANSWERS_KEY] = dict(
        zip(("about", "what", "want"), answers, strict=True)
    ) | {"safety": "no"}
    session.save()
    html = client.get("/en/klachten/uitkomst/").content.decode()
    assert text in html
    assert "088 555 1000" in html


@pytest.mark.django_db
def test_the_result_without_answers_goes_back_to_the_questions(client):
    response = client.get("/klachten/uitkomst/")
    assert response.url == _url(QUESTIONS[0])

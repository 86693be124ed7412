"""templates/components/pagination.html: one component for every paged list, with
its own GET name, anchor and labels where a page has more than one list."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string


def render(number, **context):
    page_obj = Paginator(range(30), 10).get_page(number)
    return render_to_string(
        "components/pagination.html", {"page_obj": page_obj, **context}
    )


def test_defaults_page_and_the_plain_labels():
    html = render(2, query_string="sort=support")
    assert 'href="?sort=support&amp;page=1"' in html
    assert 'href="?sort=support&amp;page=3"' in html
    assert 'aria-label="Pages"' in html or 'aria-label="Pagina' in html


def test_its_own_parameter_anchor_and_labels():
    html = render(
        2,
        page_parameter="sessies",
        page_anchor="#live-sessions",
        pages_label="Pages of live sessions",
        previous_label="Newer sessions",
        next_label="Earlier sessions",
    )
    assert 'href="?sessies=1#live-sessions" rel="prev">Newer sessions' in html
    assert 'href="?sessies=3#live-sessions" rel="next">Earlier sessions' in html
    assert 'aria-label="Pages of live sessions"' in html


def test_one_page_shows_nothing():
    page_obj = Paginator(range(5), 10).get_page(1)
    html = render_to_string("components/pagination.html", {"page_obj": page_obj})
    assert "<nav" not in html

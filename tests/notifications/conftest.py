import pytest

from inspraak.notifications.tokens import make_token


@pytest.fixture
def person(user_factory):
    return user_factory(display_name="Sanne", preferred_language="nl")


@pytest.fixture
def other_person(user_factory):
    return user_factory(display_name="Bram", preferred_language="nl")


@pytest.fixture
def link(person):
    """The preference link from an e-mail about answered advice."""
    return f"/meldingen/{make_token(person, 'advice_answered')}/"

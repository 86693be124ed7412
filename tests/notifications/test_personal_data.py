from inspraak.notifications.models import NotificationPreference, PendingNotification
from inspraak.notifications.services import set_preference
from inspraak.privacy.registry import Erasure, registry


def test_both_models_are_in_the_privacy_registry(person):
    set_preference(person, "case_update", enabled=False)

    for model in (NotificationPreference, PendingNotification):
        handler = registry.get(model)
        assert handler is not None
        assert handler.erasure == Erasure.DELETE

    [row] = registry.get(NotificationPreference).export(person)
    assert (row["kind"], row["enabled"]) == ("case_update", False)

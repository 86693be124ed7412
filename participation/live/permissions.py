"""Who may moderate a live session: the one place that decides it."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    load_backend,
)
from django.utils.crypto import constant_time_compare

from inspraak.organisations.models import Role
from inspraak.organisations.permissions import organisation_ids_for

MODERATING_ROLES = (Role.MODERATOR, Role.POLICY, Role.ADMIN)


def can_moderate(user, session) -> bool:
    """A superuser; a current member of the consultation's organisation with role
    moderator, policy or admin; or a person assigned to this session."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    organisation_id = session.consultation.organisation_id
    if organisation_id in organisation_ids_for(user, MODERATING_ROLES):
        return True
    return session.moderators.filter(pk=user.pk).exists()


def may_see_results(request, session) -> bool:
    """A session's results page opens when its results are public and the person
    may see its consultation page: published, and let in by the page's view
    restrictions as Wagtail decides when it serves the page."""
    page = session.consultation
    return (
        session.results_are_public
        and page.live
        and all(
            restriction.accept_request(request)
            for restriction in page.get_view_restrictions()
        )
    )


def moderated_sessions(user):
    """The live sessions `user` may moderate (for lists and the console)."""
    from django.db.models import Q

    from .models import LiveSession

    if user is None or not user.is_authenticated or not user.is_active:
        return LiveSession.objects.none()
    if user.is_superuser:
        return LiveSession.objects.all()
    organisation_ids = organisation_ids_for(user, MODERATING_ROLES)
    return LiveSession.objects.filter(
        Q(consultation__organisation_id__in=organisation_ids) | Q(moderators=user)
    ).distinct()


def signed_in_user(session_key: str | None):
    """The person a Django session still signs in, checked as a request would be:
    the session exists (not logged out or expired), the account is active and the
    password has not changed since. None otherwise. Read-only: unlike
    `django.contrib.auth.get_user` it never flushes or cycles the session."""
    if not session_key:
        return None
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    data = store.load()
    backend_path = data.get(BACKEND_SESSION_KEY)
    if SESSION_KEY not in data or backend_path not in settings.AUTHENTICATION_BACKENDS:
        return None
    user = load_backend(backend_path).get_user(data[SESSION_KEY])
    if user is None or not user.is_active:
        return None
    session_hash = data.get(HASH_SESSION_KEY)
    if not session_hash:
        return None
    hashes = [user.get_session_auth_hash(), *user.get_session_auth_fallback_hash()]
    if not any(constant_time_compare(session_hash, known) for known in hashes):
        return None
    return user


def moderates_now(session, user_id: int, session_key: str | None) -> bool:
    """Does the person behind a socket's Django session moderate `session` now?
    Everything is read again (a socket's own user object is as old as the socket):
    the Django session, the account, the memberships."""
    user = signed_in_user(session_key)
    return user is not None and user.pk == user_id and can_moderate(user, session)


def still_moderates(session_id: int, user_id: int, session_key: str | None) -> bool:
    """`moderates_now` for a live session by id (False once it is deleted)."""
    from .models import LiveSession

    session = (
        LiveSession.objects.select_related("consultation").filter(pk=session_id).first()
    )
    return session is not None and moderates_now(session, user_id, session_key)

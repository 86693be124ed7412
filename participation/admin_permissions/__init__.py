"""Wagtail's own permissions, narrowed to the organiser's organisation.

The group ORGANISERS_GROUP opens the admin for policy officers and administrators
of an organisation (inspraak.organisations.groups keeps people in it by their
roles): admin access, adding, editing, publishing, locking and unlocking pages
under each consultation overview, and the model permissions of "you said, we did"
and live sessions. What those rights reach is narrowed here, in one place, by the
consultation's organising organisation (permissions.organised):

- pages (pages.py): `scope_pages` is applied by `OrganisedPagePermissionPolicy`
  (explorer, page listings and search, the admin API, reports, history) and by the
  choosers' hook; `ConsultationPermissionTester` answers every action on a
  consultation (edit, publish, delete, copy, move, revert, lock, preview, revisions);
- rows that hang off a consultation (rows.py): `OrganisedModelPolicy` (Wagtail's
  edit and delete actions and bulk actions ask it) and `OrganisedViewSetMixin`
  (listing, every view of one row, the chooser) use the same queryset;
- bulk actions (bulk_actions.py) neither act on nor list what is out of scope;
- the group's rights are in group.py.

Superusers keep everything. Other groups with page rights (Wagtail's "Editors")
reach consultations only for organisations where their members are organisers.
"""

from .bulk_actions import OutOfScopeUnlistedMixin, page_bulk_actions
from .group import (
    ORGANISERS_GROUP,
    refresh_organisers_group,
    rename_earlier_group,
    setup_organisers_group,
)
from .pages import (
    ConsultationIndexPermissionTester,
    ConsultationPermissionTester,
    OrganisedPagePermissionPolicy,
    may_manage_page,
    register_page_policy,
    scope_pages,
)
from .rows import (
    OrganisedChooserViewSet,
    OrganisedModelPolicy,
    OrganisedViewSetMixin,
    visible_rows,
)

__all__ = [
    "ORGANISERS_GROUP",
    "ConsultationIndexPermissionTester",
    "ConsultationPermissionTester",
    "OrganisedChooserViewSet",
    "OrganisedModelPolicy",
    "OrganisedPagePermissionPolicy",
    "OrganisedViewSetMixin",
    "OutOfScopeUnlistedMixin",
    "may_manage_page",
    "page_bulk_actions",
    "refresh_organisers_group",
    "register_page_policy",
    "rename_earlier_group",
    "scope_pages",
    "setup_organisers_group",
    "visible_rows",
]

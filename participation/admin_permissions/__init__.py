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

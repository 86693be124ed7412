"""The pages of experience experts and the organisations that book them, by topic:
experts (start page, profile), assignments, candidates, bookings, hours (and
statements), finance (invoice, export), declarations, calendar (page and feed);
shared holds the lookups and helpers they have in common.

Views check permissions (permissions.py) and call the flows in services/; they hold
no rules of their own."""

"""The public-site views of consultations, by audience: contributions.py (what
people send from a consultation page, and unsubscribing) and moderation.py (the
organisation's moderation and publishing of "you said, we did")."""

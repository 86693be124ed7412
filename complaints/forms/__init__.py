"""The complaints forms, per flow: questions.py (the guided questions and the
objection period check), filing.py (filing a case), own_case.py (the person's case
page), attachments.py (the checked file field), dates.py (date inputs) and
handling.py (the handler's queue filters and steps)."""

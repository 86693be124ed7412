"""The flows of the councils app that touch several models, one module per flow:
adoption.py (recording adoption, telling the chair and secretary, setting up the
workflow), dispatch.py (sending adopted advice and starting the answer clock),
reminders.py (reminding the addressee before and on the due date), answers.py (the
addressee's answer and the council's follow-up), requests.py (requests for advice)
and mail.py (recipients and e-mail shared by them); errors.py holds the refusal
they raise. Views call these and stay thin."""

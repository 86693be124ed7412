"""What the person can do on their own case page: write a message, add what an
objection lacks, give the reason for objecting late."""

import copy

from django import forms
from django.utils.translation import gettext_lazy as _

from inspraak.core.bounds import BoundedForm

from ..models import Case
from .attachments import AttachmentsField
from .dates import not_in_future
from .filing import CaseForm


class MessageForm(BoundedForm):
    text = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write a message.")},
    )
    attachments = AttachmentsField()


class RepairForm(BoundedForm):
    """Adding what was missing from an objection (Awb 6:6)."""

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        for name in case.missing_parts:
            if name in CaseForm.OBJECTION_REQUIRED_PARTS:
                field = copy.deepcopy(CaseForm.base_fields[name])
                field.required = True
                field.error_messages["required"] = _("Fill this in.")
                self.fields[name] = field
        self.fields["attachments"] = AttachmentsField()

    def clean_decision_date(self):
        return not_in_future(self.cleaned_data["decision_date"])


class LateReasonForm(BoundedForm):
    late_reason = forms.CharField(
        label=_("Why did you object after the six weeks?"),
        help_text=_(
            "For example: you were ill, or the letter came late. The municipality "
            "decides whether the reason is excusable (Awb 6:11)."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tell us why you were later.")},
    )

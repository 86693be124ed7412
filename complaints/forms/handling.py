"""Forms for handlers: the queue filters and one small form per step on a case."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inspraak.core.bounds import BoundedForm

from ..models import Case


class QueueFilterForm(BoundedForm):
    """Filters on the handler's queue; every field is optional."""

    STATE_CHOICES = [
        ("", _("Open and closed")),
        ("open", _("Open")),
        ("closed", _("Closed")),
    ]

    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *Case.Kind.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All statuses")),
            *[
                choice
                for choice in Case.Status.choices
                if choice[0] != Case.Status.AWAITING_VERIFICATION
            ],
        ],
    )
    state = forms.ChoiceField(
        label=_("Open or closed"), required=False, choices=STATE_CHOICES
    )
    overdue = forms.BooleanField(label=_("Only late cases"), required=False)


class ConfirmForm(BoundedForm):
    """A step without fields: the button is the confirmation."""


class PostponeForm(BoundedForm):
    weeks = forms.IntegerField(
        label=_("Postpone by (weeks)"),
        min_value=1,
        # Sense (a year); the law's maximum per kind is flows.handling.postpone's refusal.
        max_value=52,
        help_text=_(
            "Objection: at most 6 weeks (Awb 7:10). Complaint: at most 4 weeks (Awb "
            "9:11). Only once."
        ),
    )
    notice = forms.CharField(
        label=_("Written notice to the person"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Explain why you need more time. The person gets this text."),
    )


class HearingForm(BoundedForm):
    at = forms.DateTimeField(
        label=_("Date and time"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
        help_text=_("For an objection: invite at least 10 days ahead."),
    )
    place = forms.CharField(label=_("Place"), max_length=200)


class DecideForm(BoundedForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Case.Outcome.choices)
    text = forms.CharField(
        label=_("Written outcome with reasons"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What you decided and why. The next step for the person and its deadline "
            "are added automatically."
        ),
    )
    jeugdwet = forms.BooleanField(
        label=_(
            "The decision was taken under the Jeugdwet (appeal to the juvenile judge)"
        ),
        required=False,
        initial=True,
    )


class ReasonForm(BoundedForm):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3})
    )


class WithdrawForm(BoundedForm):
    note = forms.CharField(
        label=_("How and when did the person withdraw the case?"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MessageForm(BoundedForm):
    text = forms.CharField(
        label=_("Message to the person"), widget=forms.Textarea(attrs={"rows": 4})
    )

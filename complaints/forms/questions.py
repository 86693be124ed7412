"""The guided questions: one question per screen, and the check of the objection
period on the result page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inspraak.core.bounds import BoundedForm

from ..case_deadlines import last_day_to_object
from ..route import Question
from .dates import date_input, not_in_future


class QuestionForm(BoundedForm):
    """One question of the route, as radio buttons in a fieldset."""

    def __init__(self, *args, question: Question, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        self.fields["answer"] = forms.ChoiceField(
            label=question.text,
            help_text=question.help_text,
            choices=[(choice.value, choice.label) for choice in question.choices],
            widget=forms.RadioSelect,
            required=required,
            error_messages={"required": _("Choose one of the answers.")},
        )


class PeriodCheckForm(BoundedForm):
    """When the decision arrived, to show the last day to object."""

    received_on = forms.DateField(
        label=_("On what day did you receive the decision?"),
        help_text=_("Do you not know exactly? Use the date on the letter."),
        widget=date_input(),
    )

    def clean_received_on(self):
        return not_in_future(self.cleaned_data["received_on"])

    def period_end(self):
        return last_day_to_object(self.cleaned_data["received_on"])

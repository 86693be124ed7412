from django import forms
from django.utils.translation import gettext_lazy as _

from inspraak.core.bounds import BoundedForm


class DeleteAccountForm(BoundedForm):
    understood = forms.BooleanField(
        label=_(
            "I understand that my account and my data are deleted and that this "
            "cannot be undone."
        ),
        error_messages={"required": _("Please tick the box to confirm.")},
    )

"""The models of the participation app, one module per topic: consultations.py
(the overview and consultation pages, their questions), contributions.py
(contributions, support, reports) and feedback.py ("you said, we did" and its
e-mail subscriptions).

Django finds models through this package, so it imports the model classes; the
first migration names `participation.models.new_token`, so that is imported too.
Import everything else from the module that defines it.
"""

from .consultations import ConsultationIndexPage, ConsultationPage, ConsultationQuestion
from .contributions import Contribution, ContributionReport, Support
from .feedback import FeedbackItem, FeedbackSubscription, new_token

__all__ = [
    "ConsultationIndexPage",
    "ConsultationPage",
    "ConsultationQuestion",
    "Contribution",
    "ContributionReport",
    "FeedbackItem",
    "FeedbackSubscription",
    "Support",
    "new_token",
]

"""The models of the councils app, one module per topic: themes.py, councils.py
(overview, council pages, members, the tracker page), requests.py, advice.py (advice
pages, attachments, dispatch), answers.py (answers, points, the council's follow-up)
and adoption.py (the workflow task). fields.py holds shared field shapes.

Django finds models through this package, so it imports the model classes; import
everything else from the module that defines it.
"""

from .adoption import CouncilAdoptionTask
from .advice import AdviceAttachment, AdviceDispatch, AdvicePage
from .answers import AdviceAnswer, AnswerPoint, FollowUp
from .councils import AdviceTrackerPage, CouncilIndexPage, CouncilMember, CouncilPage
from .requests import AdviceRequest
from .themes import Theme

__all__ = [
    "AdviceAnswer",
    "AdviceAttachment",
    "AdviceDispatch",
    "AdvicePage",
    "AdviceRequest",
    "AdviceTrackerPage",
    "AnswerPoint",
    "CouncilAdoptionTask",
    "CouncilIndexPage",
    "CouncilMember",
    "CouncilPage",
    "FollowUp",
    "Theme",
]

"""The models of the councils app, one module per topic: themes.py, councils.py
(overview, council pages, members, the tracker page), requests.py, advice.py (advice
pages, attachments, dispatch), answers.py (answers, points, the council's follow-up)
adoption.py (the workflow task), recruitment.py (vacancies, applications),
meetings.py (meetings, agenda), promises.py (promises, progress, followers) and
yearly.py (the yearly account page). fields.py holds shared field shapes.

Django finds models through this package, so it imports the model classes; import
everything else from the module that defines it.
"""

from .adoption import CouncilAdoptionTask
from .advice import AdviceAttachment, AdviceDispatch, AdvicePage
from .answers import AdviceAnswer, AnswerPoint, FollowUp
from .councils import AdviceTrackerPage, CouncilIndexPage, CouncilMember, CouncilPage
from .meetings import AgendaItem, Meeting
from .promises import AdviceFollower, Promise, PromiseProgress, PromiseStatus
from .recruitment import Application, Vacancy
from .requests import AdviceRequest
from .themes import Theme
from .yearly import CouncilYearReportPage

__all__ = [
    "AdviceAnswer",
    "AdviceFollower",
    "AgendaItem",
    "Application",
    "CouncilYearReportPage",
    "Meeting",
    "Promise",
    "PromiseProgress",
    "PromiseStatus",
    "Vacancy",
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

"""Validation of consultation pages and what publishing a revision keeps."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from participation.models import ConsultationPage
from participation.phases import Phase


def test_the_age_range_must_make_sense(consultation):
    consultation.min_age, consultation.max_age = 18, 12
    with pytest.raises(ValidationError) as error:
        consultation.full_clean()
    assert "max_age" in error.value.message_dict


def test_input_must_close_after_it_opens(consultation):
    consultation.closes_at = consultation.opens_at - timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        consultation.full_clean()
    assert "closes_at" in error.value.message_dict


def test_feedback_cannot_be_promised_before_input_closes(consultation):
    consultation.feedback_due_on = timezone.localdate(consultation.closes_at) - (
        timedelta(days=1)
    )
    with pytest.raises(ValidationError) as error:
        consultation.full_clean()
    assert "feedback_due_on" in error.value.message_dict


def test_an_open_consultation_is_in_the_open_phase(consultation):
    assert consultation.phase == Phase.OPEN
    assert consultation.accepts_input()


def test_publishing_a_revision_keeps_the_feedback_publication(consultation):
    revision = consultation.save_revision()
    published_at = timezone.now()
    ConsultationPage.objects.filter(pk=consultation.pk).update(
        feedback_published_at=published_at
    )
    page = ConsultationPage.objects.get(pk=consultation.pk)
    type(revision).objects.get(pk=revision.pk).publish()  # as the editor would
    page.refresh_from_db()
    assert page.feedback_published_at == published_at

"""Conflict-of-interest and confidentiality declarations (Aanbestedingswet 1.10b
and 2.57): the expert signs, the organisation decides on a declared tie."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspraak.organisations.models import Organisation

from ..exceptions import Refused
from ..models import ConflictDeclaration, DeclaredRelation, ProcurementRound


def declaration_for(user, procurement_round: ProcurementRound):
    return ConflictDeclaration.objects.filter(
        procurement_round=procurement_round, expert=user
    ).first()


@dataclass(frozen=True)
class Relation:
    provider: Organisation
    kind: str
    explanation: str = ""


def sign_declaration(
    user,
    procurement_round: ProcurementRound,
    *,
    confidentiality: bool,
    no_other_interests: bool,
    signed_name: str,
    relations: Sequence[Relation] = (),
) -> ConflictDeclaration:
    """The expert declares ties to bidders (1.10b) and promises confidentiality
    (2.57) for one round. A declared tie waits for the organisation's decision."""
    if not confidentiality:
        raise Refused(
            _("You can only take part if you keep the bidders' information secret.")
        )
    if not signed_name.strip():
        raise Refused(_("Sign with your name."))
    bidder_ids = {bidder.pk for bidder in procurement_round.bidders.all()}
    for relation in relations:
        if relation.provider.pk not in bidder_ids:
            raise Refused(_("You can only declare ties with the bidding providers."))
    if declaration_for(user, procurement_round) is not None:
        raise Refused(_("You already signed the declaration for this round."))
    decision = (
        ConflictDeclaration.Decision.PENDING
        if relations or not no_other_interests
        else ConflictDeclaration.Decision.NOT_NEEDED
    )
    with transaction.atomic():
        declaration = ConflictDeclaration.objects.create(
            procurement_round=procurement_round,
            expert=user,
            confidentiality=True,
            no_other_interests=no_other_interests,
            signed_name=signed_name.strip(),
            decision=decision,
        )
        DeclaredRelation.objects.bulk_create(
            DeclaredRelation(
                declaration=declaration,
                provider=relation.provider,
                kind=relation.kind,
                explanation=relation.explanation.strip(),
            )
            for relation in relations
        )
    return declaration


def decide_declaration(
    by, declaration: ConflictDeclaration, *, allowed: bool, reason: str
) -> ConflictDeclaration:
    if declaration.decision == ConflictDeclaration.Decision.NOT_NEEDED:
        raise Refused(_("Nothing was declared, so there is nothing to decide."))
    if not reason.strip():
        raise Refused(_("Write down why you decided this."))
    declaration.decision = (
        ConflictDeclaration.Decision.ALLOWED
        if allowed
        else ConflictDeclaration.Decision.EXCLUDED
    )
    declaration.decision_reason = reason.strip()
    declaration.decided_by = by
    declaration.decided_at = timezone.now()
    declaration.save(
        update_fields=["decision", "decision_reason", "decided_by", "decided_at"]
    )
    return declaration

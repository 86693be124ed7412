"""Conflict-of-interest declarations: the expert signs, the organisation decides."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from inspraak.accounts.decorators import posting_allowed

from .. import forms, permissions
from ..exceptions import Refused
from ..models import Booking, ConflictDeclaration, ProcurementRound
from ..services import declarations


@login_required
@posting_allowed
def declaration_sign(request, round_pk):
    procurement_round = get_object_or_404(ProcurementRound, pk=round_pk)
    user = request.user
    # Only an expert booked for an assignment in this round signs here.
    bookings = Booking.objects.filter(
        expert=user, assignment__procurement_round=procurement_round
    )
    if not bookings.exists():
        raise Http404
    existing = declarations.declaration_for(user, procurement_round)
    if existing is not None:
        return redirect("experience_experts:declaration", pk=existing.pk)
    bidders = procurement_round.bidders.order_by("name")
    form = forms.DeclarationForm(request.POST or None, bidders=bidders)
    if request.method == "POST" and form.is_valid():
        try:
            declaration = declarations.sign_declaration(
                user,
                procurement_round,
                confidentiality=form.cleaned_data["confidentiality"],
                no_other_interests=form.cleaned_data["no_other_interests"],
                signed_name=form.cleaned_data["signed_name"],
                relations=form.relations(),
            )
        except Refused as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("You signed the declaration."))
            booking = bookings.filter(status=Booking.Status.AWAITING).first()
            if booking is not None:
                return redirect("experience_experts:booking", pk=booking.pk)
            return redirect("experience_experts:declaration", pk=declaration.pk)
    return render(
        request,
        "experience_experts/declaration_form.html",
        {"form": form, "round": procurement_round, "bidders": bidders},
    )


@login_required
def declaration(request, pk):
    declaration = get_object_or_404(
        ConflictDeclaration.objects.select_related("procurement_round", "expert"),
        pk=pk,
    )
    user = request.user
    if not permissions.can_view_declaration(user, declaration):
        raise Http404
    can_decide = permissions.can_decide_declaration(user, declaration)
    form = None
    if can_decide and declaration.decision != ConflictDeclaration.Decision.NOT_NEEDED:
        form = forms.DecisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                declarations.decide_declaration(
                    user,
                    declaration,
                    allowed=form.cleaned_data["allowed"],
                    reason=form.cleaned_data["reason"],
                )
            except Refused as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Your decision is recorded."))
                return redirect("experience_experts:declaration", pk=pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "experience_experts/declaration_detail.html",
        {
            "declaration": declaration,
            "relations": declaration.relations.select_related("provider"),
            "form": form,
            "can_decide": can_decide,
        },
    )

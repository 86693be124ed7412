"""The council's yearly account as PDF (fpdf2), in the language of the request: the
same chair's word, figures, advice, meetings and consultations as the page
(councils/yearly.py).

The page layout is the consultation report's (inspraak.core.pdf.ReportPdf): a
Unicode TrueType font when the machine has one, else the built-in Helvetica with
every letter it lacks written without its accent.
"""

from __future__ import annotations

import re
from html import unescape

from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _

from fpdf.enums import XPos, YPos

from inspraak.core.pdf import ReportPdf, unicode_fonts

from .models.councils import CouncilPage
from .models.yearly import CouncilYearReportPage
from .yearly import (
    CONSULTATIONS_SHOWN,
    MEETINGS_SHOWN,
    PDF_ADVICE_LIMIT,
    figure_rows,
    held_meetings,
    summary_sentences,
    year_advice_rows,
    year_consultations,
    year_figures,
)

# Block ends in rich text that start a new line in the PDF.
_BREAKS = re.compile(r"<br\s*/?>|</(p|li|h[1-6]|div|blockquote)>", re.IGNORECASE)


def html_to_text(html: str) -> str:
    """Rich text as plain lines: one per paragraph, heading or list item."""
    text = _BREAKS.sub("\n", str(html))
    text = re.sub(r"<li[^>]*>", "• ", text, flags=re.IGNORECASE)
    lines = (unescape(strip_tags(line)).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _day(value) -> str:
    return formats.date_format(value, "j F Y")


def render_year_report_pdf(
    page: CouncilYearReportPage,
    council: CouncilPage,
    *,
    preview: bool,
    unicode: bool = True,
) -> bytes:
    """The yearly account as PDF bytes; `preview` marks every page as not public."""
    figures = year_figures(council, page.year)
    pdf = ReportPdf(unicode_fonts() if unicode else None)
    if preview:
        pdf.preview_note = _("Preview, not yet public")
    pdf.set_title(pdf.plain(page.title))
    pdf.set_author(pdf.plain(council.title))
    pdf.set_creator("Inspraak")
    pdf.set_lang(get_language() or "nl")
    pdf.add_page()

    pdf.use_font(18, bold=True)
    pdf.multi_cell(
        0, 9, pdf.plain(page.title), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.text_block(
        _("Yearly account %(year)s of %(council)s")
        % {"year": page.year, "council": council.title}
    )
    pdf.text_block(_("Figures as on %(day)s.") % {"day": _day(figures.counted_on)})

    if page.intro:
        pdf.heading(_("The chair's word"))
        for paragraph in html_to_text(page.intro).split("\n"):
            pdf.text_block(paragraph)
            pdf.ln(1)
    for block in page.body:
        pdf.ln(1)
        pdf.text_block(html_to_text(block.render()))

    pdf.heading(_("The year in short"))
    for sentence in summary_sentences(figures):
        pdf.text_block(sentence)
        pdf.ln(1)
    for group, rows in figure_rows(figures):
        pdf.rows(
            [group, pgettext("how many", "Number")],
            [[label, n] for label, n in rows],
            (80, 20),
        )

    _advice(pdf, council, page.year, figures)
    _meetings(pdf, council, page.year, figures)
    _consultations(pdf, council, page.year, figures)
    return bytes(pdf.output())


def _advice(pdf: ReportPdf, council, year: int, figures) -> None:
    pdf.heading(_("Advice sent in %(year)s") % {"year": year})
    if not figures.advice_sent:
        pdf.text_block(_("The council sent no advice this year."))
        return
    rows = year_advice_rows(council, year, figures, 1, PDF_ADVICE_LIMIT)
    for advice in rows.object_list:
        answer = advice.timeline["answer"]
        pdf.text_block(advice.title, bold=True)
        facts = [
            advice.status_label,
            _("sent on %(day)s") % {"day": _day(advice.timeline["dispatch"].sent_on)},
        ]
        if answer is not None:
            facts.append(answer.get_verdict_display())
        if advice.promise_counts.total:
            counts = advice.promise_counts
            facts.append(
                ngettext(
                    "%(count)s promise (%(kept)s kept, %(late)s late)",
                    "%(count)s promises (%(kept)s kept, %(late)s late)",
                    counts.total,
                )
                % {
                    "count": counts.total,
                    "kept": counts.kept,
                    "late": counts.late,
                }
            )
        pdf.text_block(" · ".join(str(fact) for fact in facts), indent=4)
        pdf.ln(1)
    if figures.advice_sent > PDF_ADVICE_LIMIT:
        pdf.text_block(
            _("And %(count)s more advice: see the advice tracker on the site.")
            % {"count": figures.advice_sent - PDF_ADVICE_LIMIT}
        )


def _meetings(pdf: ReportPdf, council, year: int, figures) -> None:
    pdf.heading(_("Meetings"))
    meetings = list(
        held_meetings(council, year)
        .filter(is_public=True)
        .order_by("starts_at", "pk")[:MEETINGS_SHOWN]
    )
    if not figures.meetings_held:
        pdf.text_block(_("No meetings of the council were held on this site."))
        return
    for meeting in meetings:
        pdf.text_block(
            f"{_day(timezone.localtime(meeting.starts_at))} · {meeting.title}"
        )
    hidden = figures.meetings_held - len(meetings)
    if hidden > 0:
        pdf.text_block(
            ngettext(
                "And %(count)s meeting that is not listed here.",
                "And %(count)s meetings that are not listed here.",
                hidden,
            )
            % {"count": hidden}
        )


def _consultations(pdf: ReportPdf, council, year: int, figures) -> None:
    pdf.heading(
        _("Consultations of %(organisation)s") % {"organisation": figures.organisation}
    )
    if not figures.consultations:
        pdf.text_block(_("There were no consultations this year."))
        return
    for consultation in year_consultations(council, year)[:CONSULTATIONS_SHOWN]:
        pdf.text_block(consultation.title)
    if figures.consultations > CONSULTATIONS_SHOWN:
        pdf.text_block(
            _("And %(count)s more.")
            % {"count": figures.consultations - CONSULTATIONS_SHOWN}
        )

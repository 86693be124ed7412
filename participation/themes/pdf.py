"""The consultation report as PDF (fpdf2), in the language of the request: the same
figures, themes and "you said, we did" items as the HTML page (report.py).

Fonts as the invoice has them (experience_experts/invoice.py): a Unicode TrueType
font when the machine has one, else the built-in Helvetica with every letter it
lacks written without its accent.
"""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from fpdf.enums import XPos, YPos

from inspraak.core.pdf import ReportPdf, unicode_fonts

from .report import Report


def _day(value) -> str:
    return formats.date_format(value, "j F Y")


def render_report_pdf(report: Report, *, preview: bool, unicode: bool = True) -> bytes:
    """The report as PDF bytes; `preview` marks every page as not yet public."""
    page = report.consultation
    pdf = ReportPdf(unicode_fonts() if unicode else None)
    if preview:
        pdf.preview_note = _("Preview, not yet public")
    pdf.set_title(pdf.plain(_("Report: %(title)s") % {"title": page.title}))
    pdf.set_author(pdf.plain(page.organisation.name))
    pdf.set_creator("Inspraak")
    pdf.set_lang(get_language() or "nl")
    pdf.add_page()

    pdf.use_font(18, bold=True)
    pdf.multi_cell(
        0, 9, pdf.plain(page.title), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.use_font(10)
    pdf.text_block(
        _("Consultation report of %(organisation)s")
        % {"organisation": page.organisation.name}
    )
    pdf.text_block(
        _("Input from %(opens)s to %(closes)s. Made on %(made)s.")
        % {
            "opens": _day(timezone.localtime(page.opens_at)),
            "closes": _day(timezone.localtime(page.closes_at)),
            "made": _day(timezone.localtime(report.generated_at)),
        }
    )
    if preview:
        pdf.ln(2)
        pdf.text_block(
            _(
                "Preview, not yet public. This report becomes public when "
                '"you said, we did" is published.'
            ),
            bold=True,
        )

    _participation(pdf, report)
    _ages(pdf, report)
    _live(pdf, report)
    _themes(pdf, report)
    _items(pdf, report)
    return bytes(pdf.output())


def _participation(pdf: ReportPdf, report: Report) -> None:
    figures = report.participation
    pdf.heading(_("Who took part"))
    pdf.rows(
        [_("Online"), _("How many")],
        [
            [_("Contributions"), figures.contributions],
            [_("Support given"), figures.supports],
            [_("People who contributed or supported"), figures.people],
        ],
        (80, 20),
    )


def _ages(pdf: ReportPdf, report: Report) -> None:
    pdf.heading(_("Ages"), 12)
    if report.ages is None:
        pdf.text_block(
            _(
                "Nobody who took part gave their age. People with an account can "
                "give a date of birth; this consultation did not ask for ages."
            )
        )
        return
    pdf.text_block(
        _(
            "Age on %(day)s of people with an account who gave their date of "
            "birth. People without an account were not asked."
        )
        % {"day": _day(report.ages_on)}
    )
    pdf.rows(
        [_("Age"), _("People")],
        [[band.label, band.shown] for band in report.ages],
        (80, 20),
    )


def _live(pdf: ReportPdf, report: Report) -> None:
    if not report.sessions:
        return
    pdf.heading(_("Live sessions"))
    rows = [
        [
            f"{s.session.title} ({_day(timezone.localtime(s.session.starts_at))})",
            s.participants,
            s.questions,
        ]
        for s in report.sessions
    ]
    if len(rows) > 1:
        rows.append([_("Total"), report.live_participants, report.live_questions])
    pdf.rows([_("Session"), _("People who joined"), _("Questions")], rows, (60, 20, 20))
    for figures in report.sessions:
        for poll in figures.polls:
            pdf.text_block(
                f"{poll['question']} ("
                + ngettext("%(n)s vote", "%(n)s votes", poll["total"])
                % {"n": poll["total"]}
                + ")",
                bold=True,
            )
            results = (
                [f"{w['word']}: {w['count']}" for w in poll["words"]]
                if poll["kind"] == "words"
                else [
                    f"{row['label']}: {row['count']} ({row['percent']}%)"
                    for row in poll["rows"]
                ]
            )
            pdf.text_block("; ".join(results) or _("No votes."), indent=4)
            pdf.ln(1)


def _themes(pdf: ReportPdf, report: Report) -> None:
    pdf.heading(_("Themes"))
    if not report.themes:
        pdf.text_block(_("No themes accepted yet."))
        return
    for summary in report.themes:
        pdf.text_block(summary.theme.name, bold=True)
        pdf.text_block(summary.input_label)
        for quote in summary.quotes:
            pdf.text_block(f"„{quote}”", indent=4)
        pdf.ln(2)


def _items(pdf: ReportPdf, report: Report) -> None:
    pdf.heading(_("You said, we did"))
    if not report.items:
        pdf.text_block(_('No "you said, we did" items yet.'))
        return
    for summary in report.items:
        item = summary.item
        pdf.text_block(f"{item.title} · {summary.status_label}", bold=True)
        pdf.text_block(_("You said"), bold=True, indent=4)
        pdf.text_block(item.what_we_heard, indent=4)
        pdf.text_block(_("We did"), bold=True, indent=4)
        pdf.text_block(item.what_we_did or _("Still to write."), indent=4)
        pdf.text_block(summary.cites, indent=4)
        pdf.ln(2)

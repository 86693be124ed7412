"""The council's yearly account as PDF (fpdf2), in the language of the request: the
same chair's word, figures, advice, meetings and consultations as the page
(councils/yearly.py).

Fonts as the consultation report has them (participation/themes/pdf.py): a
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

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from inspraak.core.pdf import unicode_fonts, windows_1252

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

LINE = 5.5
HEADING = FontFace(emphasis="BOLD")
# Block ends in rich text that start a new line in the PDF.
_BREAKS = re.compile(r"<br\s*/?>|</(p|li|h[1-6]|div|blockquote)>", re.IGNORECASE)


def html_to_text(html: str) -> str:
    """Rich text as plain lines: one per paragraph, heading or list item."""
    text = _BREAKS.sub("\n", str(html))
    text = re.sub(r"<li[^>]*>", "• ", text, flags=re.IGNORECASE)
    lines = (unescape(strip_tags(line)).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


class _YearPdf(FPDF):
    def __init__(self, fonts) -> None:
        super().__init__(format="A4")
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(auto=True, margin=20)
        self._unicode = fonts is not None
        if fonts is not None:
            self.add_font("report", "", fonts[0])
            self.add_font("report", "B", fonts[1])
            self._family = "report"
        else:
            self.core_fonts_encoding = "windows-1252"
            self._family = "helvetica"
        self.page_label = _("Page")
        self.preview_note = ""

    def plain(self, text) -> str:
        text = str(text)
        return text if self._unicode else windows_1252(text)

    def use_font(self, size: float, bold: bool = False) -> None:
        self.set_font(self._family, "B" if bold else "", size)

    def header(self) -> None:
        if self.preview_note:
            self.use_font(9, bold=True)
            self.cell(0, 5, self.plain(self.preview_note), align="C")
            self.ln(8)
            self.use_font(10)

    def footer(self) -> None:
        self.set_y(-15)
        self.use_font(8)
        self.cell(0, 5, f"{self.page_label} {self.page_no()}/{{nb}}", align="C")

    def heading(self, text: str, size: float = 14) -> None:
        self.ln(3)
        self.use_font(size, bold=True)
        self.multi_cell(
            0,
            size * 0.5,
            self.plain(text),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.ln(1.5)
        self.use_font(10)

    def text_block(self, text: str, bold: bool = False, indent: float = 0) -> None:
        self.use_font(10, bold=bold)
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            self.epw - indent,
            LINE,
            self.plain(text),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.use_font(10)

    def rows(self, header: list[str], rows: list[list], widths: tuple) -> None:
        """A table with a bold header row; numbers right-aligned."""
        self.use_font(10)
        align = ["LEFT"] + ["RIGHT"] * (len(header) - 1)
        with self.table(
            col_widths=widths,
            text_align=align,
            borders_layout="HORIZONTAL_LINES",
            line_height=LINE,
            padding=(1, 1),
            headings_style=HEADING,
        ) as table:
            table.row([self.plain(cell) for cell in header])
            for cells in rows:
                table.row([self.plain(cell) for cell in cells])
        self.ln(2)


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
    pdf = _YearPdf(unicode_fonts() if unicode else None)
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


def _advice(pdf: _YearPdf, council, year: int, figures) -> None:
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


def _meetings(pdf: _YearPdf, council, year: int, figures) -> None:
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


def _consultations(pdf: _YearPdf, council, year: int, figures) -> None:
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

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

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from inspraak.core.pdf import unicode_fonts, windows_1252

from .report import Report

LINE = 5.5
HEADING = FontFace(emphasis="BOLD")


class _ReportPdf(FPDF):
    """FPDF with the report's font, page numbers and a few layout helpers."""

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
        """`text` in characters the font can print."""
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


def render_report_pdf(report: Report, *, preview: bool, unicode: bool = True) -> bytes:
    """The report as PDF bytes; `preview` marks every page as not yet public."""
    page = report.consultation
    pdf = _ReportPdf(unicode_fonts() if unicode else None)
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


def _participation(pdf: _ReportPdf, report: Report) -> None:
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


def _ages(pdf: _ReportPdf, report: Report) -> None:
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


def _live(pdf: _ReportPdf, report: Report) -> None:
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


def _themes(pdf: _ReportPdf, report: Report) -> None:
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


def _items(pdf: _ReportPdf, report: Report) -> None:
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

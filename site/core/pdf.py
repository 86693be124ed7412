"""What every PDF of the project needs (fpdf2): a Unicode font when the machine has
one, and text the built-in fonts can print when it has none. Used by the experts'
invoices (experience_experts/invoice.py); the consultation report
(participation/themes/pdf.py) and the council's yearly account (councils/yearly_pdf.py)
share `ReportPdf`, an A4 page with headings, text and tables."""

import unicodedata
from pathlib import Path

from django.utils.translation import gettext as _

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

# Unicode TrueType fonts (regular, bold) tried in order. Without one, the PDF uses
# the built-in Helvetica, which covers Windows-1252 (€ and Western European
# letters); other letters are then written without their accents.
FONT_CANDIDATES: tuple[tuple[Path, Path], ...] = (
    (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ),
    (
        Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
    ),
    (
        Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
        Path("/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    ),
)
# Letters with no decomposition into a base letter and an accent.
_PLAIN_LETTERS = str.maketrans(
    {"ł": "l", "Ł": "L", "ı": "i", "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H"}
)


def unicode_fonts() -> tuple[Path, Path] | None:
    """The first pair of `FONT_CANDIDATES` present on this machine, if any."""
    for regular, bold in FONT_CANDIDATES:
        if regular.is_file() and bold.is_file():
            return regular, bold
    return None


def windows_1252(text: str) -> str:
    """`text` with every letter the built-in fonts lack replaced by its base letter
    (Ş → S), or by ? when it has none."""
    characters = []
    for character in text:
        try:
            character.encode("cp1252")
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", character.translate(_PLAIN_LETTERS))
            base = "".join(c for c in base if not unicodedata.combining(c))
            try:
                base.encode("cp1252")
            except UnicodeEncodeError:
                base = "?"
            character = base or "?"
        characters.append(character)
    return "".join(characters)


LINE = 5.5  # mm between lines of body text
HEADING = FontFace(emphasis="BOLD")


class ReportPdf(FPDF):
    """FPDF on A4 with a Unicode font (or Helvetica), page numbers, an optional
    preview note on every page, and headings, text blocks and tables."""

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

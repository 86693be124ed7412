"""A freelance experience expert's invoice (factuur) to an organisation, as PDF.

The invoice is a Dutch legal document, so its text is Dutch and not translated. It
carries what Wet OB 1968 art. 35a asks of an invoice (number, date, both parties'
names and addresses, the supplier's VAT number, what was supplied, the amount
without VAT, the rate and the VAT) and the KvK number (Handelsregisterbesluit 2008
art. 39). Put the date of the work in the line descriptions when it differs from
the invoice date. An expert under the small-business scheme (KOR, Wet OB art. 25)
charges no VAT and the invoice says so.

Travel costs passed on to the organisation are part of the fee, so VAT applies to
them at the same rate. Amounts are Decimal and rounded half up to the cent.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from inspraak.core.pdf import unicode_fonts
from inspraak.core.pdf import windows_1252 as _windows_1252

CENT = Decimal("0.01")
KOR_NOTE = "Vrijgesteld van btw (KOR)"


@dataclass(frozen=True)
class InvoiceLine:
    """One line: e.g. 3 hours of panel work at 45.00."""

    description: str
    quantity: Decimal
    unit_price: Decimal

    @property
    def amount(self) -> Decimal:
        """Quantity times unit price, rounded to the cent."""
        return _cents(self.quantity * self.unit_price)


@dataclass(frozen=True)
class InvoiceData:
    """Everything printed on the invoice; `vat_rate` is a percentage."""

    number: str
    issued_on: date
    expert_name: str
    expert_address: str
    kvk_number: str
    vat_number: str
    vat_liable: bool
    organisation_name: str
    organisation_address: str
    lines: list[InvoiceLine]
    travel: Decimal
    vat_rate: Decimal = Decimal("21")


@dataclass(frozen=True)
class InvoiceTotals:
    """Amounts in euros: lines, travel, VAT over both, and the total to pay."""

    subtotal: Decimal
    travel: Decimal
    vat: Decimal
    total: Decimal


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def invoice_totals(data: InvoiceData) -> InvoiceTotals:
    """Subtotal of the lines, travel, VAT over both (0 when not VAT liable), total."""
    subtotal = sum((line.amount for line in data.lines), Decimal("0.00"))
    travel = _cents(data.travel)
    vat = (
        _cents((subtotal + travel) * data.vat_rate / 100)
        if data.vat_liable
        else Decimal("0.00")
    )
    return InvoiceTotals(subtotal, travel, vat, subtotal + travel + vat)


def euro(amount: Decimal) -> str:
    """Dutch notation: € 1.234,56 (and € -5,00)."""
    sign = "-" if amount < 0 else ""
    text = f"{abs(_cents(amount)):,.2f}"
    return f"€ {sign}" + text.replace(",", " ").replace(".", ",").replace(" ", ".")


def dutch_number(value: Decimal) -> str:
    """A quantity or rate with a decimal comma and no trailing zeros: 2,5 or 21."""
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def dutch_date(day: date) -> str:
    """5 maart 2025."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


class _InvoicePdf(FPDF):
    """FPDF with the invoice's font and a few layout helpers."""

    def __init__(self, fonts: tuple[Path, Path] | None) -> None:
        super().__init__(format="A4")
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(auto=True, margin=20)
        self._unicode = fonts is not None
        if fonts is not None:
            self.add_font("invoice", "", fonts[0])
            self.add_font("invoice", "B", fonts[1])
            self._family = "invoice"
        else:
            self.core_fonts_encoding = "windows-1252"
            self._family = "helvetica"

    def plain(self, text: str) -> str:
        """`text` in characters the font can print."""
        return text if self._unicode else _windows_1252(text)

    def use_font(self, size: float, bold: bool = False) -> None:
        self.set_font(self._family, "B" if bold else "", size)

    def line_text(self, text: str) -> None:
        self.cell(0, 6, self.plain(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def block(self, text: str, width: float) -> None:
        self.multi_cell(
            width,
            5.5,
            self.plain(text),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )


def render_invoice_pdf(data: InvoiceData, *, unicode: bool = True) -> bytes:
    """The invoice as PDF bytes. With `unicode` (the default) a Unicode font from
    `FONT_CANDIDATES` is embedded when the machine has one, so every name prints
    as written; otherwise the built-in Helvetica is used."""
    totals = invoice_totals(data)
    pdf = _InvoicePdf(unicode_fonts() if unicode else None)
    pdf.set_title(f"Factuur {data.number}")
    pdf.set_author(data.expert_name)
    pdf.set_creator("Inspraak")
    pdf.set_lang("nl")
    pdf.add_page()
    half = pdf.epw / 2

    pdf.use_font(20, bold=True)
    pdf.line_text("Factuur")
    pdf.ln(4)

    pdf.use_font(10, bold=True)
    pdf.line_text(data.expert_name)
    pdf.use_font(10)
    pdf.block(data.expert_address, half)
    pdf.line_text(f"KvK-nummer: {data.kvk_number}")
    if data.vat_number:
        pdf.line_text(f"Btw-nummer: {data.vat_number}")
    pdf.ln(6)

    pdf.use_font(10, bold=True)
    pdf.line_text("Aan")
    pdf.line_text(data.organisation_name)
    pdf.use_font(10)
    pdf.block(data.organisation_address, half)
    pdf.ln(6)

    pdf.line_text(f"Factuurnummer: {data.number}")
    pdf.line_text(f"Factuurdatum: {dutch_date(data.issued_on)}")
    pdf.ln(6)

    rows = [
        (
            line.description,
            dutch_number(line.quantity),
            euro(line.unit_price),
            euro(line.amount),
        )
        for line in data.lines
    ]
    if totals.travel:
        rows.append(("Reiskosten", "", "", euro(totals.travel)))
    sums = []
    if data.vat_liable:
        sums = [
            ("Totaal exclusief btw", euro(totals.subtotal + totals.travel)),
            (f"Btw {dutch_number(data.vat_rate)}%", euro(totals.vat)),
        ]
    with pdf.table(
        col_widths=(52, 12, 18, 18),
        text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT"),
        borders_layout="HORIZONTAL_LINES",
        line_height=6,
        padding=(1.5, 1),
    ) as table:
        table.row(["Omschrijving", "Aantal", "Prijs", "Bedrag"])
        for cells in rows:
            table.row([pdf.plain(text) for text in cells])
        for label, amount in sums:
            row = table.row()
            row.cell(label, align="RIGHT", colspan=3)
            row.cell(pdf.plain(amount))
        row = table.row(style=FontFace(emphasis="BOLD"))
        row.cell("Te betalen", align="RIGHT", colspan=3)
        row.cell(pdf.plain(euro(totals.total)))
    if not data.vat_liable:
        pdf.ln(4)
        pdf.line_text(KOR_NOTE)
    return bytes(pdf.output())

"""A freelancer's invoice: totals with and without VAT (KOR), and a PDF that holds
what Dutch law asks of an invoice, with € and accented names printed as written."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from pypdf import PdfReader

from experience_experts.invoice import (
    KOR_NOTE,
    InvoiceData,
    InvoiceLine,
    InvoiceTotals,
    _windows_1252,
    dutch_date,
    euro,
    invoice_totals,
    render_invoice_pdf,
    unicode_fonts,
)


def line(quantity: str, unit_price: str, description: str = "Panelwerk") -> InvoiceLine:
    return InvoiceLine(description, Decimal(quantity), Decimal(unit_price))


def invoice(**overrides) -> InvoiceData:
    values = {
        "number": "2025-007",
        "issued_on": date(2025, 3, 5),
        "expert_name": "Zoë Müller",
        "expert_address": "Dorpsstraat 1\n1234 AB Ede",
        "kvk_number": "87654321",
        "vat_number": "NL001234567B01",
        "vat_liable": True,
        "organisation_name": "Gemeente Súdwest-Fryslân",
        "organisation_address": "Postbus 10000\n8600 HA Sneek",
        "lines": [line("3", "45.00", "Beoordelingspanel 3 maart 2025")],
        "travel": Decimal("12.50"),
    }
    return InvoiceData(**(values | overrides))


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def totals(*amounts: str) -> InvoiceTotals:
    return InvoiceTotals(*(Decimal(amount) for amount in amounts))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            invoice(),
            totals("135.00", "12.50", "30.98", "178.48"),
            id="21% over work and travel",
        ),
        pytest.param(
            invoice(vat_liable=False, vat_number=""),
            totals("135.00", "12.50", "0.00", "147.50"),
            id="KOR: no VAT",
        ),
        pytest.param(
            invoice(vat_rate=Decimal("9"), travel=Decimal(0), lines=[line("2", "50")]),
            totals("100.00", "0.00", "9.00", "109.00"),
            id="another rate",
        ),
        pytest.param(
            invoice(lines=[line("1.5", "33.33")], travel=Decimal(0)),
            totals("50.00", "0.00", "10.50", "60.50"),
            id="line amount rounded half up to the cent",
        ),
        pytest.param(
            invoice(lines=[line("2", "40"), line("0.5", "40")]),
            totals("100.00", "12.50", "23.63", "136.13"),
            id="two lines added up",
        ),
        pytest.param(
            invoice(lines=[], travel=Decimal("10")),
            totals("0.00", "10.00", "2.10", "12.10"),
            id="travel only",
        ),
        pytest.param(
            invoice(lines=[], travel=Decimal(0)),
            totals("0.00", "0.00", "0.00", "0.00"),
            id="nothing to pay",
        ),
    ],
)
def test_invoice_totals(data, expected):
    assert invoice_totals(data) == expected


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("0", "€ 0,00"),
        ("12.5", "€ 12,50"),
        ("1234.565", "€ 1.234,57"),
        ("1000000", "€ 1.000.000,00"),
        ("-5", "€ -5,00"),
    ],
)
def test_euro_in_dutch_notation(amount, text):
    assert euro(Decimal(amount)) == text


def test_pdf_holds_the_legal_details():
    pdf = render_invoice_pdf(invoice())
    text = pdf_text(pdf)

    assert pdf.startswith(b"%PDF")
    for expected in (
        "Factuur",
        "Factuurnummer: 2025-007",
        f"Factuurdatum: {dutch_date(date(2025, 3, 5))}",
        "KvK-nummer: 87654321",
        "Btw-nummer: NL001234567B01",
        "Sneek",
        "Beoordelingspanel 3 maart 2025",
        "Reiskosten",
        "Totaal exclusief btw",
        "Btw 21%",
        "€ 30,98",
        "€ 178,48",
    ):
        assert expected in text
    assert KOR_NOTE not in text


def test_pdf_of_an_expert_under_the_kor_charges_no_vat():
    text = pdf_text(render_invoice_pdf(invoice(vat_liable=False, vat_number="")))

    assert "Vrijgesteld van btw (KOR)" in text
    assert "Btw 21%" not in text
    assert "Btw-nummer" not in text
    assert "€ 147,50" in text


@pytest.mark.parametrize(
    "unicode", [True, False], ids=["unicode font", "built-in font"]
)
def test_pdf_prints_euro_signs_and_accents(unicode):
    text = pdf_text(render_invoice_pdf(invoice(), unicode=unicode))

    assert "Zoë Müller" in text
    assert "Gemeente Súdwest-Fryslân" in text
    assert "€ 45,00" in text


def test_unicode_font_prints_every_name_as_written():
    if unicode_fonts() is None:
        pytest.skip("no DejaVu font on this machine")

    text = pdf_text(render_invoice_pdf(invoice(expert_name="Şükrü Łukasiewicz")))

    assert "Şükrü Łukasiewicz" in text


def test_built_in_font_drops_accents_it_cannot_print():
    text = pdf_text(
        render_invoice_pdf(invoice(expert_name="Şükrü Łukasiewicz"), unicode=False)
    )

    assert "Sükrü Lukasiewicz" in text


@pytest.mark.parametrize(
    ("text", "printable"),
    [
        ("Zoë Müller € 5", "Zoë Müller € 5"),
        ("Şükrü Yılmaz", "Sükrü Yilmaz"),
        ("İlkay", "Ilkay"),
        ("Łódź", "Lódz"),
        ("Ørsted", "Ørsted"),
        ("中", "?"),
    ],
)
def test_windows_1252_fallback(text, printable):
    assert _windows_1252(text) == printable


def test_long_invoice_runs_onto_a_second_page():
    lines = [line("1", "10", f"Sessie {number}") for number in range(60)]

    pdf = render_invoice_pdf(invoice(lines=lines, travel=Decimal(0)))

    assert len(PdfReader(BytesIO(pdf)).pages) >= 2
    assert "€ 600,00" in pdf_text(pdf)

"""What every PDF of the project needs (fpdf2): a Unicode font when the machine has
one, and text the built-in fonts can print when it has none. Used by the experts'
invoices (experience_experts/invoice.py) and the consultation report
(participation/themes/pdf.py)."""

import unicodedata
from pathlib import Path

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

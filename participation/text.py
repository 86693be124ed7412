"""Cleaning the plain text people write.

Contributions are plain text, shown escaped (and with line breaks) by the
templates, so nothing is interpreted as HTML; cleaning removes what a text field
never needs: control and invisible direction characters, surplus blank lines and
spaces at the ends.
"""

import re
import unicodedata

# Bidirectional overrides and isolates can make text read differently from what
# it is ("Trojan source"); zero-width characters hide words from moderators.
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
        "\u2066\u2067\u2068\u2069\ufeff",
    )
)
_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t]+")


def clean_text(value: str, *, multiline: bool = True) -> str:
    """Plain text without control characters; at most one empty line in a row."""
    if value and value.isascii() and value.isprintable():
        # Nothing below would change such a text but its spaces (a live session's
        # tokens and most nicknames): spare the walk over every character.
        return _SPACES.sub(" ", value).strip()
    value = unicodedata.normalize("NFC", value or "")
    value = value.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    kept = []
    for char in value:
        if char == "\n" and multiline:
            kept.append(char)
        elif char in "\n\t":
            kept.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn"):
            continue
        else:
            kept.append(char)
    value = "".join(kept)
    lines = [_SPACES.sub(" ", line).strip() for line in value.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()

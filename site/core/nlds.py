"""The NL Design System stylesheet: the Utrecht component CSS from npm (package.json,
EUPL-1.2) joined into one file, so that a page loads one small stylesheet of the
components it uses instead of thirty, or the 400 KB of the whole library.

bin/setup runs `npm ci`, then `python -m inspraak.core.nlds`, which writes
node_modules/.inspraak/nlds/components.css; settings put that folder on
STATICFILES_DIRS, so `{% static 'nlds/components.css' %}`, collectstatic and
whitenoise find it like any other file. Inspraak's own design tokens (the
`--utrecht-*` custom properties of `.inspraak-theme`) live in static/css/inspraak.css.
"""

import json
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
NODE_MODULES = BASE_DIR / "node_modules"
STATIC_DIR = NODE_MODULES / ".inspraak" / "nlds"  # served under the prefix "nlds"
STYLESHEET = "nlds/components.css"

# In cascade order: the document first, then the page shell, text, forms, the rest.
COMPONENTS = (
    "document",
    "body",
    "page-header",
    "page-body",
    "page-footer",
    "skip-link",
    "nav-bar",
    "nav-list",
    "breadcrumb-nav",
    "logo",
    "heading-1",
    "heading-2",
    "heading-3",
    "paragraph",
    "link",
    "link-button",
    "button",
    "alert",
    "table",
    "form-field",
    "form-label",
    "form-field-description",
    "form-field-error-message",
    "form-fieldset",
    "textbox",
    "textarea",
    "select",
    "checkbox",
)


def package_dir(component: str, node_modules: Path = NODE_MODULES) -> Path:
    return node_modules / "@utrecht" / f"{component}-css"


def build(node_modules: Path = NODE_MODULES, target: Path = STATIC_DIR) -> Path:
    """Join each component's minified CSS under one licence header; returns the file.
    Raises FileNotFoundError naming the package when `npm ci` has not installed it."""
    parts, names = [], []
    for component in COMPONENTS:
        folder = package_dir(component, node_modules)
        css = folder / "dist" / "index.min.css"
        if not css.is_file():
            raise FileNotFoundError(
                f"{css} is missing: run bin/setup (npm ci) to install "
                f"@utrecht/{component}-css"
            )
        version = json.loads((folder / "package.json").read_text())["version"]
        names.append(f"@utrecht/{component}-css@{version}")
        # @charset is only valid at the very start of a file.
        text = css.read_text(encoding="utf-8").replace('@charset "UTF-8";', "")
        parts.append(f"/* @utrecht/{component}-css */\n{text.strip()}\n")
    header = (
        '@charset "UTF-8";\n'
        "/*! NL Design System components of the Utrecht component library.\n"
        " * @license EUPL-1.2\n"
        " * Copyright (c) 2020-2024 Frameless B.V.\n"
        " * Copyright (c) 2021-2024 Gemeente Utrecht\n"
        " * Joined by inspraak.core.nlds from: " + ", ".join(names) + "\n */\n"
    )
    target.mkdir(parents=True, exist_ok=True)
    path = target / Path(STYLESHEET).name
    path.write_text(header + "".join(parts), encoding="utf-8")
    return path


if __name__ == "__main__":
    try:
        written = build()
    except FileNotFoundError as error:
        sys.exit(str(error))
    print(f"{written.relative_to(BASE_DIR)} ({written.stat().st_size // 1024} KB)")

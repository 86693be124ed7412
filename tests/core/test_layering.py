"""The dependency direction (docs/design.md, "Layout"): the project package `inspraak`
(site/) imports no domain app, except in its URL configuration, its ASGI entry point
and its settings. Domain apps reach the project through registries and hooks
instead (inspraak.core.discovery, notification kinds, the privacy register)."""

import ast
from pathlib import Path

import pytest

SITE = Path(__file__).resolve().parents[2] / "site"
DOMAIN_APPS = {"participation", "councils", "experience_experts", "complaints"}
ALLOWED = {SITE / "urls.py", SITE / "asgi.py"}


def allowed(path: Path) -> bool:
    return path in ALLOWED or (SITE / "settings") in path.parents


def domain_imports(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, module) of every import of a domain app, at any depth (functions,
    classes, conditionals); relative imports stay inside the package."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        else:
            continue
        found += [
            (node.lineno, module)
            for module in modules
            if module.split(".")[0] in DOMAIN_APPS
        ]
    return found


def test_the_finder_sees_imports_at_every_depth():
    source = (
        "import councils\n"
        "from inspraak.core import dates\n"
        "def f():\n"
        "    from complaints.models import Case\n"
        "class C:\n"
        "    import participation.live.routing\n"
        "from . import councils\n"
    )
    assert domain_imports(ast.parse(source)) == [
        (1, "councils"),
        (4, "complaints.models"),
        (6, "participation.live.routing"),
    ]


@pytest.mark.parametrize(
    "path",
    sorted(path for path in SITE.rglob("*.py") if not allowed(path)),
    ids=lambda path: str(path.relative_to(SITE)),
)
def test_the_project_package_imports_no_domain_app(path):
    found = domain_imports(ast.parse(path.read_text(), filename=str(path)))

    assert not found, (
        f"site/{path.relative_to(SITE)} imports a domain app "
        f"({', '.join(f'line {line}: {module}' for line, module in found)}); "
        "only urls.py, asgi.py and settings/ may. Let the app register itself "
        "(a hook on its AppConfig, a module found by inspraak.core.discovery)."
    )


ROOT = SITE.parent


def app_files(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


@pytest.mark.parametrize("app", sorted(DOMAIN_APPS))
def test_domain_apps_do_not_import_each_others_internals(app):
    """The four domain apps stand side by side: one may point at another's model
    (a foreign key, `other.models`), never at its flows, views or forms."""
    found = [
        f"{path.relative_to(ROOT)} line {line}: {module}"
        for path in app_files(app)
        for line, module in domain_imports(ast.parse(path.read_text()))
        if module.split(".")[0] != app and module.split(".")[1:2] != ["models"]
    ]
    assert not found, "imports another domain app's internals: " + "; ".join(found)

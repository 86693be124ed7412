"""The dependency direction inside the councils and participation apps.

Read from the source with `ast`, without importing anything: (1) the modules of an
app import each other at module level without a cycle, counting the package
`__init__` that importing `app.models.x` runs first; (2) the models import nothing
built on them (flows, access rules, page contexts, listings, forms, views).
Function-local imports are left out: the models keep a few, commented, where
Wagtail asks the model itself (`get_context`, `permissions_for_user`).
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Per app: its packages left out (another owner's) and what the models may not
# import at module level.
APPS = {
    "councils": {
        "skip": ("councils.migrations", "councils.management"),
        "above_the_models": {
            "dashboard",
            "feeds",
            "forms",
            "page_context",
            "page_permissions",
            "permissions",
            "services",
            "signals",
            "tracker",
            "views",
            "wagtail_hooks",
        },
    },
    "participation": {
        "skip": (
            "participation.migrations",
            "participation.management",
            "participation.live",
        ),
        "above_the_models": {
            "admin_permissions",
            "forms",
            "listing",
            "page_context",
            "services",
            "views",
            "wagtail_hooks",
        },
    },
}


def modules_of(app: str) -> dict[str, Path]:
    found = {}
    for path in sorted((ROOT / app).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if not name.startswith(APPS[app]["skip"]):
            found[name] = path
    return found


def imported(name: str, path: Path, modules: dict) -> set[str]:
    """The app's modules that importing `name` imports at module level, with the
    packages above each (Python runs their `__init__` first)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Import):
            targets |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets.add(base)
            targets |= {f"{base}.{alias.name}" for alias in node.names}
    result = set()
    for target in targets:
        parts = target.split(".")
        for size in range(1, len(parts) + 1):
            candidate = ".".join(parts[:size])
            # The packages above `name` are already importing: not a new step.
            if candidate in modules and not name.startswith(candidate + "."):
                result.add(candidate)
    result.discard(name)
    return result


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                return [*trail, node, nxt]
            if nxt not in state and (found := visit(nxt, [*trail, node])):
                return found
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node, [])):
            return found
    return None


@pytest.mark.parametrize("app", APPS)
def test_modules_import_each_other_without_a_cycle(app):
    modules = modules_of(app)
    graph = {name: imported(name, path, modules) for name, path in modules.items()}
    assert cycle(graph) is None


@pytest.mark.parametrize("app", APPS)
def test_models_import_nothing_built_on_them(app):
    modules = modules_of(app)
    above = {f"{app}.{name}" for name in APPS[app]["above_the_models"]}
    for name, path in modules.items():
        if name == f"{app}.models" or name.startswith(f"{app}.models."):
            reached = {
                ".".join(target.split(".")[:2])
                for target in imported(name, path, modules)
            }
            assert not reached & above, name


def test_council_rules_import_nothing_of_the_app():
    path = ROOT / "councils" / "rules.py"
    assert not imported("councils.rules", path, modules_of("councils"))

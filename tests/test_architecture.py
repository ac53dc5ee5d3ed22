"""The house rules that keep the code easy to find your way in (DESIGN.md,
"Layout"): imports point one way between apps, no module imports another
that imports it back (lazy imports included), no models module imports a
views module, and modules and functions stay small."""

import ast
from pathlib import Path

import pytest

# Needs no database: runs once, in the SQLite pass (see Makefile).
pytestmark = pytest.mark.database_free

ROOT = Path(__file__).resolve().parent.parent
# Highest first: an app may import only the apps after it.
APPS = ["website", "aftercare", "volunteers", "courses", "knowledge", "groups", "people"]
MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 60


def _modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            yield name, path


MODULES = dict(_modules())


def _resolve(module, node):
    """The project modules that an import statement in `module` imports."""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
        return [name for name in names if name in MODULES]
    base = node.module or ""
    if node.level:
        anchor = package.split(".")
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join([*anchor, base] if base else anchor)
    found = []
    for alias in node.names:
        candidate = f"{base}.{alias.name}"
        if candidate in MODULES:
            found.append(candidate)
        elif base in MODULES:
            found.append(base)
    return found


def _imports(module):
    """Every project module `module` imports, at the top or inside a function."""
    tree = ast.parse(MODULES[module].read_text())
    targets = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            targets.update(_resolve(module, node))
    targets.discard(module)
    return targets


GRAPH = {module: _imports(module) for module in MODULES}


def _app(module):
    return module.split(".")[0]


def test_apps_import_only_apps_below_them():
    upward = [
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if APPS.index(_app(target)) < APPS.index(_app(module))
    ]
    assert upward == []


def test_no_module_imports_one_that_imports_it_back():
    cycles = set()

    def visit(module, path):
        for target in GRAPH[module]:
            if target in path:
                cycle = path[path.index(target) :]
                start = cycle.index(min(cycle))
                cycles.add(" → ".join(cycle[start:] + cycle[:start] + [min(cycle)]))
            elif target not in done:
                visit(target, [*path, target])
        done.add(module)

    done = set()
    for module in sorted(GRAPH):
        if module not in done:
            visit(module, [module])
    assert sorted(cycles) == []


def test_no_models_module_imports_a_views_module():
    def is_models(name):
        leaf = name.rsplit(".", 1)[-1]
        return leaf in ("models", "pages") or ".models." in f".{name}."

    offending = [
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        if is_models(module)
        for target in targets
        if target.rsplit(".", 1)[-1] == "views" or ".views." in f"{target}."
    ]
    assert offending == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_and_functions_stay_small(module):
    source = MODULES[module].read_text()
    assert len(source.splitlines()) <= MAX_MODULE_LINES, f"{module} is over {MAX_MODULE_LINES}"
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []

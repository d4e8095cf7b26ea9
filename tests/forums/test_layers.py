"""DESIGN.md's layers, held against every import in the code: at the top of a module and inside
functions alike (a lazy import is still a dependency, only a hidden one).

- forums.moderation and forums.concerns are below the forum: they build on forums.models,
  forums.threads (bookkeeping), forums.posting (starting a thread, replying) and forums.shortcuts
  (view helpers), never on forums.actions or forums.views;
- stories, events and forums do not import each other, nor the layer above them (search,
  transparency);
- portal's domain modules (accounts, partners, taxonomy, markup, ...) import no app; only the
  composition (settings, urls, the health check, the demo command) may;
- apart from the page routes' dispatch to views, no two modules of the forums import each other.

Before this test (commit a633a8c) moderation and concerns imported forums.actions and
forums.views, and forums had three import cycles: forums.permissions <-> moderation.permissions,
forums.actions -> moderation.actions -> forums.actions (and tasks), forums.views <->
moderation.views."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("portal", "forums", "stories", "events", "search", "transparency")
SIBLINGS = ("forums", "stories", "events")
ABOVE_APPS = ("search", "transparency")
PORTAL_COMPOSITION = ("portal.settings", "portal.urls", "portal.health", "portal.management")


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path):
    """(imported name, line) for every import in the file, wherever it stands. `from a import b`
    yields both `a` and `a.b`, since b may be a module."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            yield module, node.lineno
            for alias in node.names:
                yield f"{module}.{alias.name}", node.lineno


def app_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


ALL_IMPORTS = [(module_name(path), imported, line, path)
               for path in app_modules() for imported, line in imports_of(path)]


def within(name, package):
    return name == package or name.startswith(package + ".")


def where(rows):
    return "\n".join(f"{path.relative_to(ROOT)}:{line} imports {imported}"
                     for _module, imported, line, path in rows)


def test_the_walk_sees_lazy_imports():
    """The walk finds an import inside a function (forums.routes imports its views lazily)."""
    assert any(module == "forums.routes" and imported == "forums.views"
               for module, imported, _line, _path in ALL_IMPORTS)


@pytest.mark.parametrize("lower", ["forums.moderation", "forums.concerns"])
def test_moderation_and_concerns_do_not_import_the_forums_views_or_actions(lower):
    bad = [row for row in ALL_IMPORTS if within(row[0], lower)
           and any(within(row[1], upper) for upper in ("forums.views", "forums.actions"))]
    assert not bad, where(bad)


def test_stories_events_and_forums_do_not_import_each_other_or_the_layer_above():
    bad = []
    for row in ALL_IMPORTS:
        module, imported = row[0], row[1]
        app, other = module.split(".")[0], imported.split(".")[0]
        if app in SIBLINGS and other != app and other in SIBLINGS + ABOVE_APPS:
            bad.append(row)
    assert not bad, where(bad)


def test_portal_domain_modules_import_no_app():
    bad = [row for row in ALL_IMPORTS if within(row[0], "portal")
           and not any(within(row[0], place) for place in PORTAL_COMPOSITION)
           and row[1].split(".")[0] in APPS and row[1].split(".")[0] != "portal"]
    assert not bad, where(bad)


def cycles(edges):
    """The strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = set()
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.add(other)
                if other == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_forums_have_no_import_cycle_but_the_page_routes():
    """forums.routes hands each address under a board to its view (Wagtail's RoutablePageMixin,
    imported lazily by the page models, like a URLconf); apart from that dispatch no two modules
    of forums, moderation and concerns import each other, even lazily."""
    modules = {module for module, *_ in ALL_IMPORTS if within(module, "forums")}
    edges = {}
    for module, imported, _line, _path in ALL_IMPORTS:
        if module in modules and imported in modules and imported != module \
                and module != "forums.routes":
            edges.setdefault(module, set()).add(imported)
    assert cycles(edges) == []

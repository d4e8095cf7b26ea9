"""allauth's `internal` modules are private: they change between releases without notice. The
application reaches them in one place only, portal/accounts/mfa.py, which says why each is
needed. (Tests may use them to play the authenticator app.)"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("portal", "forums", "stories", "events", "search", "transparency")
ADAPTER = ROOT / "portal" / "accounts" / "mfa.py"


def allauth_internal_imports(path):
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        if any(name.startswith("allauth.") and "internal" in name.split(".") for name in names):
            yield node.lineno


def test_only_the_adapter_imports_allauth_internals():
    found = [f"{path.relative_to(ROOT)}:{line}"
             for app in APPS for path in sorted((ROOT / app).rglob("*.py"))
             if path != ADAPTER for line in allauth_internal_imports(path)]
    assert found == []


def test_the_adapter_is_where_they_are():
    """The walk does see them (the adapter's own imports), so an empty list above means none."""
    assert len(list(allauth_internal_imports(ADAPTER))) == 3

"""Every action the code logs is registered with Wagtail's log registry, so the site history
report shows a label in its action column (an unregistered action leaves it blank)."""

import ast
import re
from pathlib import Path

import pytest
from wagtail.log_actions import registry

ROOT = Path(__file__).resolve().parents[2]
APPS = ("forums", "portal", "events", "stories", "search", "transparency")


def logged_action_names():
    """(file, action) for every string given as the action of a `log(...)` call; an f-string
    such as f"moderation.user.{kind}_lifted" becomes the pattern moderation\\.user\\.*_lifted."""
    found = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if not (isinstance(node, ast.Call) and _name(node.func) in {"log", "log_action"}):
                    continue
                action = next((kw.value for kw in node.keywords if kw.arg == "action"),
                              node.args[1] if len(node.args) > 1 else None)
                for text in _strings(action) if action is not None else ():
                    found.add((str(path.relative_to(ROOT)), text))
    return sorted(found)


def _strings(node):
    if isinstance(node, ast.JoinedStr):
        yield "".join(re.escape(part.value) if isinstance(part, ast.Constant) else "*"
                      for part in node.values)
    elif isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    else:
        for child in ast.iter_child_nodes(node):
            yield from _strings(child)


def _name(func):
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def test_the_source_logs_moderation_and_liaison_actions():
    actions = {action for _file, action in logged_action_names()}

    assert any(action.startswith("moderation.") for action in actions)
    assert any(action.startswith("concerns.") for action in actions)


@pytest.mark.parametrize(("source", "action"), logged_action_names())
def test_every_logged_action_has_a_label_in_the_site_history(source, action):
    registry.scan_for_actions()
    if "*" in action:  # an f-string: at least one registered action fits it, each labelled
        pattern = re.compile(action.replace("*", "[a-z_]+"))
        names = [name for name in registry.formatters if pattern.fullmatch(name)]
        assert names, f"{source} logs {action!r}, which fits no registered action"
    else:
        names = [action]
    for name in names:
        assert registry.action_exists(name), f"{source} logs unregistered {name!r}"
        assert str(registry.get_action_label(name)).strip()

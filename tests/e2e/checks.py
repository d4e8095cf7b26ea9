"""The two page checkers: axe-core injected into Chromium, and the Nu HTML Checker (vnu.jar),
both installed from npm (`npm ci`; see package.json)."""

import json
import shutil
import subprocess
from pathlib import Path

from .site import ROOT

NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
MISSING_TOOLS = "run `npm ci` in the project folder to install axe-core and vnu-jar"


def axe_violations(page):
    """Run axe on the page's current state; returns violations as readable lines."""
    if not AXE.exists():
        raise RuntimeError(MISSING_TOOLS)
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} -> "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in result["violations"]
    ]


def vnu_errors(documents):
    """Validate HTML documents in one run of the checker.

    `documents` maps a name to the HTML; returns a dict name -> list of error lines."""
    if not VNU.exists():
        raise RuntimeError(MISSING_TOOLS)
    folder = ROOT / "test-results" / "html"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    files = {}
    for number, (name, html) in enumerate(documents.items()):
        path = folder / f"page-{number}.html"
        path.write_text(html, encoding="utf-8")
        files[path.resolve().as_uri()] = name
    completed = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, folder.glob("*.html"))],
        capture_output=True, text=True, timeout=180,
    )
    messages = json.loads(completed.stderr or completed.stdout)["messages"]
    errors = {name: [] for name in documents}
    for message in messages:
        name = files.get(_as_uri(message.get("url", "")), message.get("url", "?"))
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine', '?')}: {message['message']} "
            f"[{message.get('extract', '').strip()[:120]}]"
        )
    return errors


def _as_uri(url):
    return Path(url.removeprefix("file:")).resolve().as_uri() if url.startswith("file:") else url

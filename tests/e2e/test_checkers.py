"""The checkers themselves can fail: a broken page gives axe violations and vnu errors."""

from .checks import axe_violations, vnu_errors

BROKEN_PAGE = """<!DOCTYPE html><html><head><title>Broken</title></head><body>
<img src="/x.png"><input type="text" name="q"><p><ul><li>list in a paragraph</li></ul></p>
<span id="twice"></span><span id="twice"></span></body></html>"""


def test_axe_reports_a_missing_label_and_alternative_text(page):
    page.set_content(BROKEN_PAGE)

    violations = " ".join(axe_violations(page))

    assert "image-alt" in violations
    assert "label" in violations
    assert "html-has-lang" in violations


def test_vnu_reports_invalid_nesting_and_duplicate_ids():
    errors = vnu_errors({"broken": BROKEN_PAGE})["broken"]

    assert any("Duplicate ID" in error for error in errors), errors
    assert any("“p”" in error for error in errors), errors

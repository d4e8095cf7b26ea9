"""portal.markup keeps posting fast on hostile text: a post with more Markdown markers than anyone
writes by hand (thousands of '[', '_', '&', list items, deeply nested quotes) is shown as typed, in
plain paragraphs, and the moderation detector still reads what it says. Ordinary Markdown is
unaffected."""

import time

import pytest

from forums.moderation import detection
from forums.moderation.detection import Kind
from portal import markup


def _render(source):
    markup.render.cache_clear()
    started = time.process_time()
    html = markup.render(source)
    return html, time.process_time() - started


@pytest.mark.parametrize("source", [
    "[](" * 5_000, "[" * 5_000, "_a" * 10_000, "&#48;" * 4_000, "- a\n" * 5_000, "> " * 2_500 + "x",
    "# a\n" * 5_000,
])
def test_hostile_markup_is_shown_as_typed_quickly(source):
    html, seconds = _render(source)
    assert html.startswith("<p>") and "<a " not in html and "<em>" not in html and "<li>" not in html
    assert seconds < 0.5  # Python-Markdown took 40-200 ms on these; as typed takes about 1 ms


def test_entities_in_a_hostile_post_are_shown_as_written_not_decoded():
    html, _ = _render("&#48;" * 2_000 + " text")
    assert html.startswith("<p>&amp;#48;&amp;#48;")


def test_the_detector_still_reads_a_number_hidden_in_hostile_markup():
    findings = detection.inspect("_a" * 2_000 + "\n\ncall me on 07700 900123", country="GB")
    assert [f.kind for f in findings] == [Kind.PHONE]


def test_ordinary_markdown_with_links_and_emphasis_still_renders():
    source = "\n\n".join(f"See [the notes {n}](https://example.org/{n}) and *this* item." for n in range(40))
    html, _ = _render(source)
    assert html.count("<a ") == 40 and html.count("<em>this</em>") == 40
    assert '<a href="https://example.org/3" rel="nofollow ugc noopener">the notes 3</a>' in html

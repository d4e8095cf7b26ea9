"""Safety benchmark: how well and how fast forums/moderation/detection.py reads posts.

    make bench-safety            # or: .venv/bin/python bench/safety.py [--runs N] [--holdout]

Prints, from the corpus in tests/moderation/corpus/ (each post read with PORTAL_COUNTRY set to
its file's country, the country's emergency numbers and the demo help numbers as service numbers):
- recall (held posts held, crisis posts flagged) and false holds (clean posts held or flagged) per
  country and language, and recall per kind;
- phone recall and false holds for each phonenumbers leniency;
- p50/p95/max time to inspect one post (render + normalise + scan) for 2,000-character posts and
  for adversarial 20,000-character posts, and the time of markup.render alone for the latter.
No database is used.
"""

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from phonenumbers import Leniency  # noqa: E402

from forums.moderation import detection  # noqa: E402
from portal import country as countries  # noqa: E402
from portal import markup  # noqa: E402
from tests.moderation.corpus import HERE, load  # noqa: E402

HELP_NUMBERS = ("0800 000 0000", "0800 000 1111")  # the demo site's own help numbers


def service_numbers(code):
    numbers = countries.EMERGENCY.get(code, countries.DEFAULT_EMERGENCY)
    return [n for n in (numbers.number, numbers.crisis_line, *HELP_NUMBERS) if n]


def outcome(post):
    found = detection.inspect(post.text, country=post.country, service_numbers=service_numbers(post.country))
    personal = [f for f in found if f.kind in detection.PERSONAL_KINDS]
    crisis = [f for f in found if f.kind in detection.CRISIS_KINDS]
    if post.expect == "held":
        return bool(personal), found
    if post.expect == "crisis":
        return bool(crisis), found
    return not found, found


def rate(hits, total):
    return f"{100 * hits / total:5.1f} % ({hits}/{total})" if total else "    -"


def quality(posts, verbose):
    groups = defaultdict(lambda: {"held": [0, 0], "crisis": [0, 0], "clean": [0, 0]})
    kinds = defaultdict(lambda: [0, 0])
    misses = []
    for post in posts:
        ok, found = outcome(post)
        for key in (f"{post.country} {post.language}", "all"):
            groups[key][post.expect][0] += ok
            groups[key][post.expect][1] += 1
        if post.expect != "clean":
            kinds[post.kind][0] += ok
            kinds[post.kind][1] += 1
        if not ok:
            misses.append((post, found))
    print(f"{'set':10} {'personal data held':>22} {'crisis flagged':>20} {'clean held/flagged':>22}")
    for key in sorted(groups, key=lambda k: (k == "all", k)):
        g = groups[key]
        false_holds = g["clean"][1] - g["clean"][0]
        print(f"{key:10} {rate(*g['held']):>22} {rate(*g['crisis']):>20} "
              f"{rate(false_holds, g['clean'][1]):>22}")
    print("\nrecall per kind")
    for kind in sorted(kinds):
        print(f"  {kind:10} {rate(*kinds[kind])}")
    if misses:
        print(f"\n{len(misses)} wrong:" if verbose else f"\n{len(misses)} wrong (--verbose lists them)")
        if verbose:
            for post, found in misses:
                print(f"  {post.source} {post.expect}:{post.kind} {post.text!r} -> "
                      f"{[(f.kind, f.text) for f in found]}")


def leniency(posts):
    print("\nphone numbers per phonenumbers leniency (PhoneNumberMatcher plus our own patterns)")
    phones = [p for p in posts if p.expect == "held" and p.kind in ("phone", "messaging")]
    clean = [p for p in posts if p.expect == "clean"]
    saved = detection.LENIENCY
    try:
        for name in ("POSSIBLE", "VALID", "STRICT_GROUPING", "EXACT_GROUPING"):
            detection.LENIENCY = getattr(Leniency, name)
            matcher_only = sum(_matcher_finds(p) for p in phones)
            held = sum(outcome(p)[0] for p in phones)
            false = sum(not outcome(p)[0] for p in clean)
            print(f"  {name:16} matcher alone {rate(matcher_only, len(phones))}  with patterns "
                  f"{rate(held, len(phones))}  clean held {rate(false, len(clean))}")
    finally:
        detection.LENIENCY = saved


def _matcher_finds(post):
    import phonenumbers

    text = detection.readable(post.text)
    return any(True for _ in phonenumbers.PhoneNumberMatcher(text, post.country, leniency=detection.LENIENCY))


ORDINARY = ("Last night there were people outside the shop again until about 2am. I counted "
            "eleven cars in an hour on Mill Lane, and the 38 bus driver said the same. The meeting "
            "is on 12/03 at 7:30pm in room 4, and Officer Lee said the new lights cost £2,400. ")
ADVERSARIAL = {
    "one long token": "a" * 20_000,
    "20,000 digits": "1" * 20_000,
    "digits and spaces": "1 " * 10_000,
    "5,000 brackets": "[" * 5_000,
    "5,000 link starts": "[](" * 5_000,
    "5,000 parentheses": "(" * 5_000,
    "emphasis": "_a" * 10_000,
    "at signs": "a@" * 10_000,
    "number words": "one " * 5_000,
    "street words": "12 Acacia " * 2_000,
    "entities": "&#48;" * 4_000,
    "4,000 handles": "@abc " * 4_000,
    "2,200 plates": "ABC-1234 " * 2_200,
    "crisis phrases": "I want to die. " * 1_300,
    "1,499 link starts + text": ("[](" * 1_499 + "a " * 10_000)[:20_000],
    "2,500 nested quotes": "> " * 2_500 + "text",
    "5,000 list items": "- a\n" * 5_000,
    "5,000 headings": "# a\n" * 5_000,
    "20,000 newlines": "\n" * 20_000,
    "15 nested quotes + text": ("> " * 15 + "a " * 10_000)[:20_000],
    "100 nested list levels": "".join("    " * k + "- a\n" for k in range(100))[:20_000],
    "499 list items + text": ("- a\n" * 499 + "a " * 10_000)[:20_000],
    "4,000 handle-like words": "ab_1 " * 4_000,
    "4,000 handles on there": "she's ab_1 on there " * 1_000,
    "3,000 ')' after '['": "[a]" + ")" * 3_000 + "(" * 3_000,
}


def timings(runs):
    print("\ninspect time per post (render + normalise + scan), CPU ms; wall p50 beside it")
    post = (ORDINARY * 8)[:1990] + " 555-0199"
    cases = {"2,000 chars, ordinary": post, **{f"20,000: {k}": v for k, v in ADVERSARIAL.items()}}
    print(f"  {'post':36} {'p50':>8} {'p95':>8} {'max':>8} {'wall p50':>9}   render alone p95")
    for name, text in cases.items():
        n = runs if len(text) <= 2_000 else max(5, runs // 20)
        inspect = _times(lambda text=text: (markup.render.cache_clear(),
                                            detection.inspect(text, country="US")), n)
        wall = _times.wall_p50
        render = _times(lambda text=text: (markup.render.cache_clear(), markup.render(text)), n)
        print(f"  {name:36} {_pct(inspect, 50):8.2f} {_pct(inspect, 95):8.2f} {max(inspect):8.2f} {wall:9.2f}"
              f"   {_pct(render, 95):8.2f}")
    print("\nscan alone (the text already rendered once, as on save), CPU ms")
    for name, text in cases.items():
        readable = detection.readable(text)
        n = runs if len(text) <= 2_000 else max(5, runs // 20)
        scan = _times(lambda readable=readable: detection.scan(readable, country="US"), n)
        print(f"  {name:36} {_pct(scan, 50):8.2f} {_pct(scan, 95):8.2f} {max(scan):8.2f} "
              f"{_times.wall_p50:9.2f}")


def _times(fn, n):
    """CPU time of this thread per call, in ms: on a shared machine, wall time mostly measures the
    other processes (the wall time p50 is printed beside it)."""
    out, wall = [], []
    for _ in range(n):
        start, start_wall = time.thread_time(), time.perf_counter()
        fn()
        out.append((time.thread_time() - start) * 1000)
        wall.append((time.perf_counter() - start_wall) * 1000)
    _times.wall_p50 = statistics.median(wall)
    return out


def _pct(values, pct):
    return statistics.quantiles(values, n=100)[pct - 1] if len(values) > 1 else values[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="timed runs of the 2,000-character post")
    parser.add_argument("--holdout", action="store_true", help="the held-out corpus only")
    parser.add_argument("--verbose", action="store_true", help="list every wrong post")
    args = parser.parse_args()
    if args.holdout:
        print("held-out corpus (tests/moderation/corpus/holdout/)")
        quality(load(HERE / "holdout"), args.verbose)
        return
    posts = load()
    counts = {expect: sum(p.expect == expect for p in posts) for expect in ("held", "crisis", "clean")}
    print(f"corpus: {counts['held']} held, {counts['crisis']} crisis, {counts['clean']} clean posts")
    quality(posts, args.verbose)
    holdout = load(HERE / "holdout")
    if holdout:
        print("\nheld-out corpus (written after the patterns, never tuned on)")
        quality(holdout, args.verbose)
    leniency(posts)
    timings(args.runs)


if __name__ == "__main__":
    main()

"""The safety corpus: posts written for this project in the ways residents of US and UK cities
and Spanish speakers (in the US and in Spain) write, each with what the detector must do.

One file per country and language (`<country>_<language>.txt`); one post a line,
`expectation<TAB>text`: `held:<kind>` (personal data of that kind: the post is held),
`crisis:<kind>` (crisis language: the post is flagged urgent), `clean:<topic>` (published as it is).
bench/safety.py prints recall and false holds from it; tests/moderation/test_corpus.py pins them.
"""

from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Post:
    country: str
    language: str
    expect: str  # held, crisis or clean
    kind: str
    text: str
    source: str  # file:line


def load(folder=HERE):
    posts = []
    for path in sorted(folder.glob("*_*.txt")):
        country, language = path.stem.split("_")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            label, text = line.split("\t", 1)
            expect, kind = label.split(":", 1)
            posts.append(Post(country.upper(), language, expect, kind, text, f"{path.name}:{number}"))
    return posts

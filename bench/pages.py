"""What `make bench` measures. ONE list: a feature adds its pages with a line each, and a seeding
module (e.g. bench/forums.py with a `seed()` function) to SEEDERS when its pages need data."""

BASELINE = ("baseline (minimal Django view)", "/bench/baseline/")

PAGES = [
    BASELINE,
    ("home", "/"),
    ("standard page", "/about/"),
    ("partner list", "/partners/"),
    ("partner page", "/partners/riverton-police-service/"),
    # forums, search, transparency: add their pages here.
]

# Modules with a seed() function run (under bench.settings, after seed_demo) before serving.
# A module that does not exist yet is skipped.
SEEDERS = ["bench.forums"]

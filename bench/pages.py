"""What `make bench` measures. ONE list: a feature adds its pages with a line each, and a seeding
module (e.g. bench/forums.py with a `seed()` function) to SEEDERS when its pages need data.

A path is either the address itself or "module:function", a function that returns the address
once the data is seeded (called under bench.settings, e.g. for a thread whose id the seed decides)."""

BASELINE = ("baseline (minimal Django view)", "/bench/baseline/")

PAGES = [
    BASELINE,
    ("home", "/"),
    ("standard page", "/about/"),
    ("partner list", "/partners/"),
    ("partner page", "/partners/riverton-police-service/"),
    ("forum board (10,000 threads)", "/bench-forum/bench-board/"),
    ("forum thread (50 posts)", "bench.forums:long_thread_path"),
    ("transparency page (100,000 concerns)", "/transparency/"),
    ("transparency page, filtered", "/transparency/?period=month&partner=riverton-police-service"),
    ("search", "/search/?q=needles+park"),
    ("open311 requests (last 90 days)", "/open311/v2/requests.json"),
]

# Modules with a seed() function run (under bench.settings, after seed_demo) before serving.
# A module that does not exist yet is skipped.
SEEDERS = ["bench.forums", "bench.transparency"]

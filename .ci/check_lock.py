"""Fail unless every package installed in the virtualenv is pinned, at that version, in
requirements.lock (so a fresh machine installs exactly what was tested). Run with the venv's
Python: `.venv/bin/python .ci/check_lock.py`."""

import re
import sys
from importlib.metadata import distributions
from pathlib import Path

LOCK = Path(__file__).resolve().parent.parent / "requirements.lock"
PROJECT = "common-ground"
INSTALLERS = {"pip", "setuptools", "wheel"}  # what builds and installs, not what runs


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned():
    pins = {}
    for line in LOCK.read_text().splitlines():
        if match := re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)", line):
            pins[normalise(match[1])] = match[2]
    return pins


def main():
    pins = pinned()
    problems = []
    for dist in distributions():
        name = normalise(dist.metadata["Name"])
        if name in INSTALLERS or name == PROJECT:
            continue
        if name not in pins:
            problems.append(f"{name}=={dist.version} is installed but not in requirements.lock")
        elif pins[name] != dist.version:
            problems.append(f"{name}=={dist.version} is installed but requirements.lock pins {pins[name]}")
    for problem in sorted(problems):
        print(problem, file=sys.stderr)
    if problems:
        print("Run `make lock` after changing dependencies in pyproject.toml.", file=sys.stderr)
        return 1
    print(f"Every installed package is pinned at its version in requirements.lock ({len(pins)} pins).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Every ``KG_*`` variable the code reads is listed in :data:`kg.config.SETTINGS`, and each listed one is read."""

from __future__ import annotations

import re
from pathlib import Path

from kg.config import SETTINGS

KG = Path(__file__).resolve().parent.parent / "kg"
#: A KG_ name in code: the variables themselves, not prefixes (``KG_MAX_``) or doctest examples.
_NAME = re.compile(r"\bKG_[A-Z][A-Z_]*[A-Z]\b")
_EXAMPLES = {"KG_NO_SUCH_LIMIT", "KG_EXAMPLE_LIMIT"}


def _names_in_code() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted(KG.rglob("*.py")):
        listing = path == KG / "config.py"  # there, only the lines that read the environment count
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if listing and "environ" not in line:
                continue
            for name in _NAME.findall(line):
                found.setdefault(name, f"{path.relative_to(KG.parent)}:{number}")
    return {n: where for n, where in found.items() if n not in _EXAMPLES}


def test_every_variable_the_code_names_is_a_listed_setting():
    unlisted = {n: where for n, where in _names_in_code().items() if n not in SETTINGS}
    assert not unlisted, f"add these to kg.config.SETTINGS: {unlisted}"


def test_every_listed_setting_is_read_somewhere():
    assert set(SETTINGS) - set(_names_in_code()) == set()


def test_defaults_shown_are_the_defaults_applied(monkeypatch):
    from kg.load.stamps import max_claims_per_article
    from kg.store import store_location

    monkeypatch.delenv("KG_STORE", raising=False)
    monkeypatch.delenv("KG_MAX_CLAIMS_PER_ARTICLE", raising=False)
    assert store_location(None) == SETTINGS["KG_STORE"].default
    assert str(max_claims_per_article()) == SETTINGS["KG_MAX_CLAIMS_PER_ARTICLE"].default

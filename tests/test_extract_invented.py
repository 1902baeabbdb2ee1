"""The failure classes of issue 13 in an invented world: fictional countries and people.

The packaged gazetteer is copied and given five countries that do not exist (Atlantis,
Freedonia, Utopia, Elbonia, Sylvania), so that no rule can lean on a name it was tuned on.
Every sentence is written for this file (never seed or corpus text). All cases are
extracted in one batch with one pipeline (building a pipeline per case would be slow).

Each case: (id, text, expected, absent). ``expected`` and ``absent`` are sets of
(actor type, actor, polarity); ``absent=None`` with an empty ``expected`` means the text
must yield no stance at all.
"""

from __future__ import annotations

import shutil
from importlib import resources

import pytest

from kg.articles import parse_article
from kg.extract import extract_articles
from kg.extract.gazetteer import read_gazetteer

FICTIONAL = [
    # alpha3, name, aliases, demonyms, metonyms
    ("XAT", "Atlantis", "Atlantis|Republic of Atlantis", "Atlantean|Atlanteans", "Poseidonia"),
    ("XFR", "Freedonia", "Freedonia", "Freedonian|Freedonians", "Fredville"),
    ("XUT", "Utopia", "Utopia", "Utopian|Utopians", "Amaurot"),
    ("XEL", "Elbonia", "Elbonia", "Elbonian|Elbonians", "Mudville"),
    ("XSY", "Sylvania", "Sylvania", "Sylvanian|Sylvanians", "Sylvan City"),
]

A, F, U, E, S = "Atlantis", "Freedonia", "Utopia", "Elbonia", "Sylvania"


def _c(name: str, polarity: str) -> tuple[str, str, str]:
    return ("country", name, polarity)


def _p(name: str, polarity: str) -> tuple[str, str, str]:
    return ("person", name, polarity)


def _all(name: str) -> set[tuple[str, str, str]]:
    return {_c(name, p) for p in ("supports", "opposes", "conditional", "neutral")}


CASES = [
    # 2. who holds the stance: a participle set off by a dash describes the name before the dash only
    ("holder-dash-participle", "Talks between Freedonia, Atlantis—leading the coalition of the willing—and Ukraine "
     "opened in Geneva.", {_c(A, "supports")}, _all(F)),
    ("holder-dash-participle-other-parse", "Envoys from Elbonia, Atlantis—leading the coalition of the willing—and "
     "Ukraine met in Geneva on Monday.", {_c(A, "supports")}, _all(E)),
]


@pytest.fixture(scope="module")
def invented(tmp_path_factory):
    """{case id: stances} for every case, extracted with the fictional gazetteer."""
    where = tmp_path_factory.mktemp("gazetteer")
    packaged = resources.files("kg").joinpath("data", "gazetteer")
    for entry in packaged.iterdir():
        if entry.name.endswith(".tsv"):
            with resources.as_file(entry) as path:
                shutil.copy(path, where / entry.name)
    with open(where / "countries.tsv", "a", encoding="utf-8") as out:
        for row in FICTIONAL:
            out.write("\t".join((*row, "invented for tests")) + "\n")
    gazetteer = read_gazetteer(where)
    articles = [parse_article(text.encode("utf-8"), f"{case}.txt") for case, text, *_ in CASES + EXTRA]
    found = extract_articles(articles, gazetteer=gazetteer)
    return {case: claims.stances for (case, *_), claims in zip(CASES + EXTRA, found, strict=True)}


def _keys(stances) -> set[tuple[str, str, str]]:
    return {(s.actor_type, s.actor, s.polarity) for s in stances}


@pytest.mark.parametrize(("case", "expected", "absent"), [(c[0], c[2], c[3]) for c in CASES],
                         ids=[c[0] for c in CASES])
def test_invented_world(invented, case, expected, absent):
    found = _keys(invented[case])
    assert expected <= found, f"missing {expected - found}; found {found}"
    if absent is None and not expected:
        assert not found, f"expected no stance, found {found}"
    for key in absent or ():
        assert key not in found, f"{key} must not be extracted; found {found}"


#: Cases checked by the tests below on more than the (actor, polarity) keys.
EXTRA: list[tuple[str, str]] = []


def test_every_quote_is_the_body_slice(invented):
    texts = {case: text for case, text, *_ in CASES + EXTRA}
    for case, stances in invented.items():
        body = parse_article(texts[case].encode("utf-8"), f"{case}.txt").body
        for s in stances:
            assert body[s.start:s.end] == s.quote, case

"""Human tables of query results: labels instead of IRIs, a layout that fits the terminal.

CSV, TSV and JSON keep the IRIs; only the table printed for a person changes:

- an IRI column ``x`` is dropped when the result also has ``xLabel`` (the label stands for it);
- any other IRI cell shows the entity's label (an article: its outlet and date), looked up
  with ``table-labels.rq`` and the IRI bound at run time, else the IRI's last segment;
- columns empty in every row are left out;
- when the columns cannot fit the width without cutting cells to a few characters, each
  row is printed as a block of ``field: value`` lines instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib.term import Node, URIRef

LABELS_RQ = Path(__file__).with_name("table-labels.rq").read_text(encoding="utf-8")

_IRI_LINE = re.compile(r"^https?://[^\s<>\"{}|^`\\]+$")

#: Narrowest useful width of a column cell; below it the table switches to blocks.
MIN_CELL = 12


@dataclass
class HumanTable:
    """Columns and display strings of a result, ready to print."""

    columns: list[str]
    rows: list[list[str]]


def local_name(iri: str) -> str:
    """The last segment of an IRI (after ``#`` or ``/``).

    Examples
    --------
    >>> local_name("https://w3id.org/positions-kg/id/country/LVA"), local_name("https://x.org/ns#Stance")
    ('LVA', 'Stance')
    """
    tail = iri.rstrip("/#")
    for sep in ("#", "/"):
        tail = tail.rsplit(sep, 1)[-1]
    return tail or iri


def shorten(text: str, limit: int = 40) -> str:
    """``text`` cut at a word boundary to about ``limit`` characters, with an ellipsis.

    Examples
    --------
    >>> shorten("Coalition of the willing: 10 countries ready to send forces to Ukraine")
    'Coalition of the willing: 10 countries…'
    >>> shorten("Latvia")
    'Latvia'
    """
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,.;:")
    return f"{cut}…"


def store_labeller(store) -> Callable[[URIRef], str | None]:
    """A cached function IRI -> display label from ``store`` (None when it has none)."""
    cache: dict[URIRef, str | None] = {}

    def label(iri: URIRef) -> str | None:
        if iri not in cache:
            text = None
            for row in store.query(LABELS_RQ, {"iri": iri}):
                name = row.outlet if row.outlet is not None else row.label
                if name is not None:
                    text = shorten(str(name)) + (f" ({row.date})" if row.date is not None else "")
            cache[iri] = text
        return cache[iri]

    return label


def human_table(columns: Sequence[str], rows: Sequence[Sequence[Node | None]],
                label: Callable[[URIRef], str | None]) -> HumanTable:
    """Display strings for ``rows``: labels for IRIs, label columns in place of IRI columns.

    Examples
    --------
    >>> from rdflib import Literal
    >>> iri = URIRef("https://w3id.org/positions-kg/id/country/LVA")
    >>> t = human_table(["country", "countryLabel", "x", "empty"], [[iri, Literal("Latvia"), iri, None]],
    ...                 lambda i: None)
    >>> t.columns, t.rows
    (['countryLabel', 'x'], [['Latvia', 'LVA']])
    >>> human_table(["actors"], [[Literal(f"{iri}\\nhttps://x.org/p/a")]], lambda i: None).rows
    [['LVA\\na']]
    """
    names = list(columns)
    keep = [i for i, c in enumerate(names) if f"{c}Label" not in names or not _all_iris(rows, i)]

    def text(term: Node | None) -> str:
        if term is None:
            return ""
        if isinstance(term, URIRef):
            return label(term) or local_name(str(term))
        lines = str(term).splitlines()
        if lines and all(_IRI_LINE.match(line) for line in lines):  # a GROUP_CONCAT of IRIs
            return "\n".join(label(URIRef(line)) or local_name(line) for line in lines)
        return str(term)

    cells = [[text(row[i]) for i in keep] for row in rows]
    filled = [j for j in range(len(keep)) if any(r[j] for r in cells)] if cells else list(range(len(keep)))
    return HumanTable([names[keep[j]] for j in filled], [[r[j] for j in filled] for r in cells])


def _all_iris(rows: Sequence[Sequence[Node | None]], i: int) -> bool:
    return all(row[i] is None or isinstance(row[i], URIRef) for row in rows)


def fits(table: HumanTable, width: int) -> bool:
    """True when every column gets at least ``MIN_CELL`` characters (or its longest cell) in ``width``.

    Examples
    --------
    >>> fits(HumanTable(["a", "b"], [["x" * 30, "y"]]), 80), fits(HumanTable(list("abcdefgh"), [["x" * 30] * 8]), 80)
    (True, False)
    """
    need = 1
    for j, column in enumerate(table.columns):
        longest = max([len(column)] + [max(map(len, r[j].splitlines() or [""])) for r in table.rows])
        need += min(longest, max(MIN_CELL, min(len(column), 20))) + 3
    return need <= width


def print_table(console, table: HumanTable, caption: str) -> None:
    """Print ``table`` as a rich table if it fits the console, else one block per row."""
    from rich.table import Table

    if fits(table, console.width):
        out = Table(*table.columns, caption=caption)
        for row in table.rows:
            out.add_row(*row)
        console.print(out, markup=False)
        return
    from rich.rule import Rule
    from rich.text import Text

    for n, row in enumerate(table.rows, 1):
        console.print(Rule(f"{n}/{len(table.rows)}", align="left", style="dim"))
        block = Table.grid(padding=(0, 2))
        block.add_column(justify="right", style="bold", no_wrap=True)
        block.add_column(overflow="fold")
        for column, value in zip(table.columns, row, strict=True):
            if value:
                block.add_row(Text(column), Text(value))
        console.print(block)
    console.print(caption, markup=False)

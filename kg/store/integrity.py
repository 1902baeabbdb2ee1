"""Integrity check of an embedded store: read every quad through every index.

Queries read only the index their pattern needs, and only the blocks that hold their
answer, so a damaged block elsewhere goes unnoticed until a write compacts it (and
fails). :func:`check_integrity` reads each of Oxigraph's indexes whole — RocksDB
verifies each block's checksum as it reads — and compares what each index holds.
It takes time and memory proportional to the store (one set of quads per index).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from kg.errors import StoreCorruptError, UsageError

if TYPE_CHECKING:
    import pyoxigraph

    from kg.store import Store


@dataclass
class IntegrityReport:
    """What :func:`check_integrity` read.

    Attributes
    ----------
    quads : int
        Quads in the store (read through the graph index).
    indexes : dict of str to int
        Distinct quads found through each index (all equal ``quads`` in a sound store).
    problems : list of str
        One line per damage found; empty when the store is sound.
    """

    quads: int = 0
    indexes: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        """No damage found."""
        return not self.problems


def check_integrity(store: Store) -> IntegrityReport:
    """Read every quad of an embedded store through each of its indexes.

    Returns
    -------
    IntegrityReport
        Damage is reported in ``problems`` (a checksum mismatch, an index that lost or
        gained quads), not raised.

    Raises
    ------
    UsageError
        ``store`` is not an embedded store (a server checks its own storage).

    Examples
    --------
    >>> from kg.store import EmbeddedStore
    >>> check_integrity(EmbeddedStore(":memory:")).sound
    True
    """
    ox_store = getattr(store, "oxigraph", None)
    if ox_store is None:
        raise UsageError(f"{store.location}: kg check reads an embedded store's files; "
                         "a SPARQL server checks its own storage")
    report = IntegrityReport()
    try:
        quads = set(ox_store)
    except RuntimeError as exc:
        report.problems.append(f"graph index: {' '.join(str(exc).split())}")
        return report
    report.quads = len(quads)
    for name, lookups in _index_lookups(ox_store, quads).items():
        found: set[pyoxigraph.Quad] = set()
        try:
            for lookup in lookups:
                found.update(lookup())
        except RuntimeError as exc:
            report.problems.append(f"{name} index: {' '.join(str(exc).split())}")
            continue
        report.indexes[name] = len(found)
        if found != quads:
            report.problems.append(f"{name} index: {len(quads - found):,} quads missing, "
                                   f"{len(found - quads):,} not in the graph index")
    return report


def _index_lookups(ox_store: pyoxigraph.Store,
                   quads: set[pyoxigraph.Quad]) -> dict[str, Iterable[Callable[[], Iterable]]]:
    """Per index, the pattern lookups that together read all of it."""
    pattern = ox_store.quads_for_pattern
    subjects = {q.subject for q in quads}
    predicates = {q.predicate for q in quads}
    objects = {q.object for q in quads}
    by_predicate = {(q.predicate, q.graph_name) for q in quads}
    by_object = {(q.object, q.graph_name) for q in quads}
    return {
        "subject": (partial(pattern, s, None, None) for s in subjects),
        "predicate": (partial(pattern, None, p, None) for p in predicates),
        "object": (partial(pattern, None, None, o) for o in objects),
        "graph-predicate": (partial(pattern, None, p, None, g) for p, g in by_predicate),
        "graph-object": (partial(pattern, None, None, o, g) for o, g in by_object),
    }


def raise_if_damaged(store: Store, report: IntegrityReport) -> None:
    """Raise :class:`~kg.errors.StoreCorruptError` naming the first problem of ``report``, if any."""
    if report.problems:
        raise StoreCorruptError(store.location, report.problems[0])

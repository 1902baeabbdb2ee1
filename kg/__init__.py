"""positions-kg: a knowledge graph of political actors and their positions, built from news.

The Python API (see ``docs/api.md``)::

    import kg
    store = kg.open_store(".kg/store")
    kg.ask(store, "who opposes troop deployment and why")      # as kg ask --format json
    kg.query(store, "roles", holder="Latvia").to_dataframe()   # a named query
    kg.to_networkx(store)                                      # the positions graph

The functions live in :mod:`kg.api` and are imported on first use, so that
``import kg`` (and the ``kg`` command's start-up) stays fast. Two of them share their
name with a package (``kg.ask``, ``kg.extract``): importing the package does not replace
the function here (use ``from kg.ask import ...`` for the package's names).
"""

import sys
import types

__version__ = "0.1.0"

#: Names that ``import kg`` offers, loaded from :mod:`kg.api` on first use.
API = ("open_store", "ask", "query", "sparql", "extract", "to_networkx", "QueryResult")

__all__ = ["__version__", *API]


def __getattr__(name: str):
    if name in API:
        from kg import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *API})


class _Package(types.ModuleType):
    """The ``kg`` module, whose API names are not overwritten by same-named submodules on import."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in API and isinstance(value, types.ModuleType):
            return  # the submodule stays reachable in sys.modules
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

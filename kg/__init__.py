"""positions-kg: a knowledge graph of political actors and their positions, built from news."""

__version__ = "0.1.0"

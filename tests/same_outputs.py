"""Write what the main commands produce on the seeds into a folder, to compare two versions.

Usage, from a checkout (each with its own installed environment)::

    python tests/same_outputs.py OUT_DIR [CHECKOUT]

(``CHECKOUT``: another working tree whose ``kg`` to run, default this one), then
``diff -r OLD_OUT NEW_OUT``. A restructuring that keeps behaviour gives no difference.
Covered: ``kg build`` (stats and the N-Quads of the whole store), ``kg ingest`` of the seeds
into a new store, ``kg ask`` (table and JSON) for every supported question form's example,
``kg sources``, ``kg conflicts``, ``kg render`` and every ``kg export`` format. Paths of the
temporary stores and of the checkout are replaced by fixed words so that two runs are
comparable. The content stamps differ whenever the extractor's version does.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

FORMATS = ("ttl", "nq", "trig", "jsonld", "graphml", "gexf", "json-graph")


def main(out_dir: str, checkout: str | None = None) -> int:
    from kg.ask.questions import SUPPORTED_FORMS

    root = Path(checkout or Path(__file__).resolve().parent.parent).resolve()

    def _kg(*args: str) -> str:
        """stdout + stderr + exit code of one ``python -m kg`` run in ``root``."""
        done = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=root)
        return f"{done.stdout}\n--- stderr\n{done.stderr}\n--- exit {done.returncode}\n"

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        built, ingested = Path(tmp) / "built", Path(tmp) / "ingested"

        def write(name: str, text: str) -> None:
            (out / name).write_text(text.replace(tmp, "TMP").replace(str(root), "ROOT"), encoding="utf-8")

        write("build.txt", _kg("build", "--store", str(built)))
        write("stats.txt", _kg("stats", "--store", str(built)))
        write("ingest.txt", _kg("ingest", str(root / "seeds" / "articles"), "--store", str(ingested)))
        for i, (_, example) in enumerate(SUPPORTED_FORMS):
            question = example.split('"')[1]
            write(f"ask-{i:02d}.txt", _kg("ask", question, "--store", str(built)))
            write(f"ask-{i:02d}.json", _kg("ask", question, "--format", "json", "--store", str(built)))
        write("sources.json", _kg("sources", "--format", "json", "--store", str(built)))
        write("conflicts.json", _kg("conflicts", "--format", "json", "--store", str(built)))
        write("render.txt", _kg("render", "-o", str(out / "graph.html"), "--store", str(built)))
        for fmt in FORMATS:
            target = out / f"export.{fmt}"
            write(f"export-{fmt}.txt", _kg("export", "-f", fmt, "-o", str(target), "--store", str(built)))
        write("ingested.nq.txt", _kg("export", "-f", "nq", "--store", str(ingested)))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))

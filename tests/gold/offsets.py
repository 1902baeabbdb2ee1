"""Fill ``start``/``end`` of gold claims from their verbatim quotes.

Usage: ``python tests/gold/offsets.py GOLD.jsonl ARTICLE`` rewrites GOLD.jsonl in place, each
claim's offsets set to the first occurrence of its quote in the article body (or the occurrence
nearest to the offsets it already has), and exits 1 naming the line of a quote that is not
verbatim in the body.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kg.articles import load_article


def _occurrences(body: str, quote: str) -> list[int]:
    found, at = [], body.find(quote)
    while at >= 0:
        found.append(at)
        at = body.find(quote, at + 1)
    return found


def main(gold_path: str, article_path: str) -> int:
    body = load_article(article_path).body
    out = []
    for number, line in enumerate(Path(gold_path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        claim = json.loads(line)
        starts = _occurrences(body, claim["quote"])
        if not starts:
            print(f"{gold_path}:{number}: quote not verbatim in the body: {claim['quote'][:60]!r}", file=sys.stderr)
            return 1
        hint = claim.get("start") or 0
        claim["start"] = min(starts, key=lambda s: abs(s - hint))
        claim["end"] = claim["start"] + len(claim["quote"])
        out.append(json.dumps(claim, ensure_ascii=False))
    Path(gold_path).write_text("\n".join(out) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))

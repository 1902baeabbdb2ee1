"""Regenerate docs/graph.png: the default view of ``kg render`` on the seeds, in Debian's Chromium.

Usage: ``make screenshot`` (builds the seeds store first), or
``python docs/screenshot.py STORE [OUT.png]``. No network: every request but ``file:`` is aborted.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path


def main(store: str, out: str = "docs/graph.png") -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "graph.html"
        subprocess.run([sys.executable, "-m", "kg", "render", "--store", store, "-o", str(page_file)], check=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                        args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1400, "height": 860})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
            page.goto(page_file.as_uri())
            page.wait_for_function("document.body.dataset.state === 'ready'", timeout=30_000)
            page.screenshot(path=out)
            browser.close()
    print(f"wrote {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])

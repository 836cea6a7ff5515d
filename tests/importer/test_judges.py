"""Done means: an imported report builds, and once a person has done what the repair report
asks (written the alt text, downloaded the picture from the web), every real judge
passes it: axe-core and the Nu checker on the web pages (and on import-report.html
itself), EPUBCheck on the EPUB, PDF/UA-1 on the PDF."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from pipeline.importer.run import import_file
from tests import judges
from tests.conftest import ROOT
from tests.importer import word
from tests.importer.web import write_web_page


def do_the_to_dos(folder: Path, result) -> list[str]:
    """What a person does with the repair report: each to-do at the file:line it gives."""
    done = []
    for entry in (r for r in result.repairs if r.to_do):
        if entry.kind == "confirm":
            done.append(f"left as it is: {entry.message}")
            continue
        name, line = entry.now.rsplit(":", 1)
        path = folder / name
        lines = path.read_text(encoding="utf-8").split("\n")
        if entry.kind == "alt":
            lines[int(line) - 1] = lines[int(line) - 1].replace("![](", f"![Picture {len(done) + 1}: volunteers at "
                                                                            "work in the community garden](", 1)
        elif "on the web and was not fetched" in entry.message:
            address = re.search(r"the picture (\S+) is on the web", entry.message).group(1)
            Image.new("RGB", (240, 80), "maroon").save(folder / "images" / "downloaded.png")
            lines[int(line) - 1] = lines[int(line) - 1].replace(address, "images/downloaded.png")
        else:
            raise AssertionError(f"no person's fix written for: {entry.line()}")
        path.write_text("\n".join(lines), encoding="utf-8")
        done.append(entry.message)
    return done


def word_report(work: Path) -> Path:
    return word.annual_report(work / "garden.docx")


def web_page(work: Path) -> Path:
    return write_web_page(work, "http://127.0.0.1:9")  # nothing listens there, and nothing asks


@pytest.fixture(scope="module", params=[word_report, web_page], ids=["word", "web-page"])
def built(request, tmp_path_factory):
    work = tmp_path_factory.mktemp(request.param.__name__)
    result = import_file(request.param(work), work / "source")
    assert any(f.severity == "error" for f in result.findings)  # the missing alt text, until a person writes it
    assert do_the_to_dos(work / "source", result)
    out = work / "out"
    build = subprocess.run([sys.executable, "-m", "pipeline", "build", "--source", str(work / "source"), "--out",
                            str(out), "--only", "html,epub,pdf", "--no-cache"], cwd=ROOT, capture_output=True,
                           text=True, timeout=300, env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"})
    assert build.returncode == 0, build.stdout + build.stderr
    assert " error " not in build.stderr, build.stderr
    return work / "source", out


def test_axe_and_nu_pass_every_web_page_and_the_repair_report(built):
    source, out = built
    pages = [out / "report.html", out / "index.html", *sorted((out / "site").glob("*.html")),
             source / "import-report.html"]
    assert judges.axe(pages) == []
    assert judges.nu(pages) == []


def test_epubcheck_passes_the_epub(built, tmp_path):
    messages = judges.epubcheck(built[1] / "report.epub", tmp_path)
    assert [f"{m['severity']} {m['ID']}: {m['message']}" for m in messages] == []


def test_the_pdf_passes_pdf_ua_1(built):
    assert judges.pdf_ua(built[1] / "report.pdf") == []

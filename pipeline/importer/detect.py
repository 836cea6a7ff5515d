"""What kind of file is being imported, told by its content first and its name second.

Anything the importer cannot read gets a message saying what to do with it,
before a byte is written: an old binary .doc, a password-protected Word file
(an encrypted OLE container, not a zip), a PDF, an RTF file, a zip that is
not a document.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from pipeline.chapter_format import HTML_PAGE, OLE_MAGIC
from pipeline.diagnostics import ReportError

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# The names of an OLE container's streams are UTF-16: an encrypted .docx keeps its zip in EncryptedPackage.
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
WORD_STREAM = "WordDocument".encode("utf-16-le")
HEAD_BYTES = 4096
OLE_SCAN_BYTES = 8 * 1024 * 1024  # the directory of a small container is near its start; enough to find the names


def file_kind(path: Path) -> str:
    """'docx', 'odt', 'html' or 'markdown'; anything else is a ReportError that says what to do."""
    if not path.is_file():
        raise ReportError(f"{path} does not exist", fix="give the path of a .docx, .odt, .html or .md file")
    with path.open("rb") as file:
        head = file.read(HEAD_BYTES)
    if head.startswith(OLE_MAGIC):
        _refuse_ole(path)
    if head.startswith(b"%PDF-"):
        raise ReportError("this is a PDF, which cannot be imported: a PDF keeps where text is on the page, "
                          "not its headings, lists and tables", path,
                          fix="import the document the PDF was made from (save it as .docx from Word or "
                              "Google Docs); if there is none, copy the text into Word first")
    if head.startswith(b"{\\rtf"):
        raise ReportError("this is an RTF document, which the importer does not read", path,
                          fix="open it in Word or LibreOffice and save it as .docx, then import that")
    if head.startswith(b"PK\x03\x04") or path.suffix.lower() in (".docx", ".odt"):
        return _zip_kind(path, head)
    if HTML_PAGE.match(head.lstrip(b"\xef\xbb\xbf")) or path.suffix.lower() in HTML_SUFFIXES:
        return "html"
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        return "markdown"
    raise ReportError(f"the importer does not know what kind of file {path.name} is", path,
                      fix="import a Word (.docx), OpenDocument (.odt), web page (.html) or Markdown (.md) file")


def _refuse_ole(path: Path) -> None:
    with path.open("rb") as file:
        container = file.read(OLE_SCAN_BYTES)
    if ENCRYPTED_STREAM in container:
        raise ReportError("the document is protected by a password, so it cannot be read", path,
                          fix="open it in Word, remove the password (File > Info > Protect Document > "
                              "Encrypt with Password, then clear it), save, and import it again")
    if WORD_STREAM in container:
        raise ReportError("this is an old Word 97-2003 document (.doc), which the importer does not read", path,
                          fix="open it in Word or LibreOffice and save it as Word Document (.docx), "
                              "then import the .docx")
    raise ReportError("this is an old Office file (Excel, PowerPoint or similar), not a text document", path,
                      fix="import the report itself, saved as .docx")


def _zip_kind(path: Path, head: bytes) -> str:
    if not head.startswith(b"PK\x03\x04"):
        raise ReportError("the file is named like a document but is not one (it may be damaged or cut short)",
                          path, fix="open it in Word or LibreOffice and save it again, then import the new file")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").strip() if "mimetype" in names else b""
            manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError) as exc:
        raise ReportError(f"the file is damaged or cut short ({exc}); nothing was imported", path,
                          fix="open it in Word or LibreOffice and save it again, then import the new file") from exc
    if "word/document.xml" in names:
        return "docx"
    if mimetype == ODT_MIMETYPE:
        if b"encryption-data" in manifest:
            raise ReportError("the document is protected by a password, so it cannot be read", path,
                              fix="open it in LibreOffice, save it without a password (File > Save As, "
                                  "untick 'Save with password'), and import it again")
        return "odt"
    raise ReportError("the file is a zip archive but not a Word or OpenDocument text document", path,
                      fix="import a .docx or .odt file (a spreadsheet or presentation cannot be imported)")

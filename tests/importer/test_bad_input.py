"""Files that cannot or must not be imported: each gets a message that says what to do,
exit status 2, no traceback, and nothing written. Hostile files (zip bombs, paths
that climb out, XML entities, pictures on the web) are refused or never followed."""
from __future__ import annotations

import io
import socket
import struct
import zipfile

import docx
import pytest

from pipeline.chapter_format import OLE_MAGIC
from tests.importer import word
from tests.importer.helpers import run_import


def ole_container(stream_name: str) -> bytes:
    """The start of a Compound File (what Word 97-2003 and password protection write) naming one stream."""
    header = OLE_MAGIC + b"\x00" * 16 + struct.pack("<HH", 0x3E, 3) + b"\xfe\xff" + b"\x00" * 462
    return header + stream_name.encode("utf-16-le") + b"\x00" * 1000


def small_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Our year", 1)
    document.add_paragraph("A short report.")
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


def rezipped(original: bytes, extra: dict[str, bytes] | None = None, replace: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, (replace or {}).get(info.filename, source.read(info)))
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def declared_bomb() -> bytes:
    """A zip whose directory declares a 3 GB part (the bytes themselves are few)."""
    name = b"word/media/huge.bin"
    data = bytearray(rezipped(small_docx(), extra={name.decode(): b"x" * 10}))
    entry = data.rfind(name) - 46  # the central directory's record of the part; its name starts at byte 46
    assert data[entry:entry + 4] == b"PK\x01\x02"
    data[entry + 24:entry + 28] = struct.pack("<I", 3_000_000_000)  # its uncompressed size
    return bytes(data)


def spreadsheet() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


DOCX = small_docx()
CASES = {
    "password": ("report.docx", ole_container("EncryptedPackage"), "protected by a password",
                 "Encrypt with Password"),
    "old-word": ("report.doc", ole_container("WordDocument"), "old Word 97-2003 document", "save it as Word Document"),
    "pdf": ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "this is a PDF",
            "save it as .docx"),
    "truncated": ("report.docx", DOCX[: len(DOCX) // 2], "damaged or cut short", "save it again"),
    "unknown": ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "does not know what kind of file",
                "import a Word (.docx)"),
    "spreadsheet": ("figures.xlsx", spreadsheet(),
                    "not a Word or OpenDocument text", "cannot be imported"),
    "zip-bomb-ratio": ("bomb.docx", rezipped(DOCX, extra={"word/media/image1.png": b"\x00" * 60_000_000}),
                       "zip bomb", "save it again"),
    "zip-bomb-declared": ("bomb.docx", declared_bomb(), "zip bomb", "save it again"),
    "path-traversal": ("evil.docx", rezipped(DOCX, extra={"../../outside.txt": b"hello"}),
                       "climbs out of its folder", "do not import files from people you do not know"),
    "xml-entities": ("laughs.docx", rezipped(DOCX, replace={"word/document.xml": (
        b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">'
        b'<!ENTITY c SYSTEM "file:///etc/passwd">]><w:document '
        b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&b;&c;'
        b"</w:t></w:r></w:p></w:body></w:document>")}), "declares a DOCTYPE", "do not import files"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_files_get_a_message_exit_2_and_nothing_is_written(tmp_path, case):
    name, data, problem, fix = CASES[case]
    (tmp_path / name).write_bytes(data)
    result = run_import(name, "--out", "imported", cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert problem in result.stderr and fix in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no folder, no hidden temporary left


def test_an_existing_folder_is_kept_without_force_and_replaced_whole_with_it(tmp_path):
    source = word.with_comment(tmp_path / "plans.docx")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.txt").write_text("mine", encoding="utf-8")
    refused = run_import(str(source), "--out", str(tmp_path / "out"))
    assert refused.returncode == 2 and "already exists" in refused.stderr and "--force" in refused.stderr
    assert (tmp_path / "out" / "notes.txt").read_text(encoding="utf-8") == "mine"
    forced = run_import(str(source), "--out", str(tmp_path / "out"), "--force")
    assert forced.returncode == 0, forced.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["chapters", "import-report.html", "report.yaml"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "plans.docx"]


def test_a_picture_linked_from_the_web_is_never_fetched(tmp_path, monkeypatch):
    """Word can link a picture instead of embedding it; the link points at a server that would log the visit."""
    document = docx.Document()
    document.add_heading("Our year", 1)
    run = document.add_paragraph().add_run()
    run.add_picture(word.picture("red"))
    rel = document.part.relate_to("http://tracker.example/pixel.png",
                                  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image",
                                  is_external=True)
    blip = run._r.xpath(".//a:blip")[0]
    del blip.attrib["{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"]
    blip.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}link", rel)
    document.add_paragraph("After the picture.")
    document.save(tmp_path / "linked.docx")

    def no_network(*args, **kwargs):
        raise AssertionError("the importer tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    from pipeline.importer.run import import_file  # pandoc runs with --sandbox: it may read only its input

    result = import_file(tmp_path / "linked.docx", tmp_path / "out")
    entry = next(r for r in result.repairs if "linked from outside the file was not fetched" in r.message)
    assert entry.to_do and entry.was == "Word paragraph 2"
    assert "tracker.example" not in (tmp_path / "out" / "chapters" / "01-our-year.md").read_text(encoding="utf-8")
    assert not (tmp_path / "out" / "images").exists()

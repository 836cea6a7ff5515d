"""Open a .docx or .odt, a zip of XML from someone else's machine, without trusting it.

A zip declares each entry's size, and may lie: a zip bomb declares little and
unpacks to gigabytes. So every entry is read in chunks with the bytes counted,
against limits far above any real report (a 300-page Word report with photos
is about 100 MB). Entry names that climb out of a folder (`../`, `/etc/…`,
`C:\\…`) are refused rather than skipped: no Office program writes them.

XML is parsed by lxml with entities left unresolved and the network off, and
a DOCTYPE is refused outright: Word and LibreOffice never write one, and the
entities it declares are how "billion laughs" and external-file attacks work.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath

from lxml import etree

from pipeline.diagnostics import ReportError

MAX_ENTRIES = 5000
MAX_ENTRY_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
# Word's XML compresses about 10:1 and photos about 1:1; a bomb is 1000:1 or more.
MAX_RATIO = 200
RATIO_FROM_BYTES = 1024 * 1024  # small entries may compress well (an empty part is all header)
CHUNK = 1024 * 1024
DRIVE = re.compile(r"^[A-Za-z]:")

RESAVE = "open it in {program} and save it again, then import the new file"


def _refuse(path: Path, problem: str, program: str) -> ReportError:
    return ReportError(f"{problem}; nothing was imported", path, fix=RESAVE.format(program=program))


def safe_entry_name(name: str) -> bool:
    """A relative path that stays inside the folder it is unpacked into."""
    if not name or name.startswith(("/", "\\")) or DRIVE.match(name) or "\\" in name or "\x00" in name:
        return False
    return ".." not in PurePosixPath(name).parts


def read_zip(path: Path, program: str) -> dict[str, bytes]:
    """Every entry of the zip at path, by name, after checking names, counts and sizes.

    program names what can save the file again ("Word", "LibreOffice") in the messages.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise _refuse(path, f"the file is damaged or cut short ({exc})", program) from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise ReportError(f"the file holds {len(infos)} parts, more than the {MAX_ENTRIES} a document has; "
                              "it is refused as a possible zip bomb", path,
                              fix=f"{RESAVE.format(program=program)}; if it really is that big, split it")
        declared = sum(info.file_size for info in infos)
        for info in infos:
            if not safe_entry_name(info.filename):
                raise ReportError(f"the part {info.filename!r} has a path that climbs out of its folder, which no "
                                  f"{program} file has; the file is refused", path,
                                  fix=f"do not import files from people you do not know; "
                                      f"{RESAVE.format(program=program)}")
            _check_size(path, info.filename, info.file_size, info.compress_size, program)
        if declared > MAX_TOTAL_BYTES:
            raise _bomb(path, "", declared, program)
        entries: dict[str, bytes] = {}
        total = 0
        for info in infos:
            if info.is_dir():
                continue
            data = _read_counted(archive, info, path, program)
            total += len(data)
            if total > MAX_TOTAL_BYTES:
                raise _bomb(path, info.filename, total, program)
            entries[info.filename] = data
    return entries


def _bomb(path: Path, name: str, size: int, program: str) -> ReportError:
    part = f"the part {name!r}" if name else "the file"
    return ReportError(f"{part} would unpack to {size / 1024 / 1024:.0f} MB, far more than a document; "
                       "it is refused as a possible zip bomb", path,
                       fix=f"{RESAVE.format(program=program)}; pictures over 20 MB each are too big anyway")


def _check_size(path: Path, name: str, size: int, compressed: int, program: str) -> None:
    if size > MAX_ENTRY_BYTES:
        raise _bomb(path, name, size, program)
    if size > RATIO_FROM_BYTES and size > MAX_RATIO * max(compressed, 1):
        raise ReportError(f"the part {name!r} is compressed {size // max(compressed, 1)} to 1, as only a zip bomb "
                          "is; the file is refused", path, fix=RESAVE.format(program=program))


def _read_counted(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, program: str) -> bytes:
    """The entry's bytes, read in chunks and stopped as soon as it grows past what it declared."""
    limit = min(info.file_size, MAX_ENTRY_BYTES)
    chunks, size = [], 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise _bomb(path, info.filename, size, program)
                _check_size(path, info.filename, size, info.compress_size, program)
                chunks.append(chunk)
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
        # RuntimeError: an encrypted entry; NotImplementedError: a compression method zipfile lacks
        raise _refuse(path, f"the part {info.filename!r} cannot be read ({exc})", program) from exc
    except Exception as exc:  # zlib.error for a damaged stream
        if type(exc).__module__ != "zlib":
            raise
        raise _refuse(path, f"the part {info.filename!r} is damaged ({exc})", program) from exc
    return b"".join(chunks)


PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                         remove_blank_text=False)


def parse_xml(data: bytes, name: str, path: Path, program: str) -> etree._Element:
    """The root element of one XML part; a DOCTYPE or malformed XML refuses the whole file."""
    try:
        tree = etree.ElementTree(etree.fromstring(data, PARSER))
    except etree.XMLSyntaxError as exc:
        raise _refuse(path, f"the part {name!r} is not well-formed XML ({exc})", program) from exc
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise ReportError(f"the part {name!r} declares a DOCTYPE, which {program} never writes (it is how XML "
                          "entity attacks work); the file is refused", path,
                          fix=f"do not import files from people you do not know; {RESAVE.format(program=program)}")
    return tree.getroot()


def serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

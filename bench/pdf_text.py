"""Which library reads a tagged PDF's marked-content text? (issue 19, item 1)

The output check falls back to the text of a heading's marked content when
the heading has neither /ActualText nor /T (pipeline/check/outputs/pdf_text.py).
This measures the ways of getting that text, on the PDFs given:

  pdfium        what the check uses: pypdfium2, each text object attributed to its
                marked-content id (a form XObject's text to the form's), its text
                as PDFium decodes it, a space where a wrapped line starts
  pdfium-chars  PDFium's text page character by character, with the word spaces it infers
  pdfminer      pdfminer.six's interpreter and layout analysis, each character
                attributed to the innermost /MCID open when it was drawn
                (not a dependency: `.venv/bin/pip install pdfminer.six` to measure it)

Correct = the text equals the heading's /T (what Typst wrote from the source)
as the check compares texts. Time = extracting every page of the file
(median of --runs); memory = peak RSS of a process that only imports the
library and extracts, one process per extractor and file. With no PDF, or
with --foreign, it also makes a one-page PDF whose headings are drawn as
other PDF makers draw them (FOREIGN).

    .venv/bin/python bench/pdf_text.py OUT/report.pdf OUT/report-large-print.pdf … [--foreign]

The hand-written pikepdf extractor this replaced was measured with the same
script before its removal; bench/results.md has both.
"""
from __future__ import annotations

import argparse
import importlib
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

Texts = dict[tuple[int, int], str]  # (page index, MCID) -> text


def pdfium_texts(path: Path) -> Texts:
    import pypdfium2 as pdfium
    from pipeline.check.outputs.pdf_text import _page_marked_text  # what the output check uses
    texts: Texts = {}
    document = pdfium.PdfDocument(path)
    for index in range(len(document)):
        for mcid, text in _page_marked_text(document[index]).items():
            texts[index, mcid] = text
    document.close()
    return texts


def pdfium_chars_texts(path: Path) -> Texts:
    """PDFium's text page character by character, with the spaces PDFium infers between words."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    texts: Texts = {}
    document = pdfium.PdfDocument(path)
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        current = -1
        for i in range(raw.FPDFText_CountChars(textpage)):
            obj = raw.FPDFText_GetTextObject(textpage, i)
            # Spaces and line breaks PDFium adds between words have no object: they go with the text before.
            mcid = raw.FPDFPageObj_GetMarkedContentID(obj) if obj else current
            current = mcid
            if mcid >= 0:
                char = chr(raw.FPDFText_GetUnicode(textpage, i))
                texts[index, mcid] = texts.get((index, mcid), "") + (" " if char in "\r\n" else char)
        textpage.close()
        page.close()
    document.close()
    return texts


def pdfminer_texts(path: Path) -> Texts:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTAnno, LTChar, LTTextLine
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.psparser import PSLiteral

    class MarkedAggregator(PDFPageAggregator):
        """Tags each LTChar with the innermost MCID open when it was drawn (-1 in an artifact or outside)."""

        def begin_tag(self, tag, props=None):
            mcid = props.get("MCID") if isinstance(props, dict) else None
            artifact = isinstance(tag, PSLiteral) and tag.name == "Artifact"
            self.marks.append(-1 if artifact else mcid)

        def end_tag(self):
            if self.marks:
                self.marks.pop()

        def render_char(self, *args, **kwargs):
            advance = super().render_char(*args, **kwargs)
            mcid = next((m for m in reversed(self.marks) if m is not None), -1)
            self.cur_item._objs[-1].mcid = mcid
            return advance

    def lines(item):
        if isinstance(item, LTTextLine):
            yield item
        elif hasattr(item, "__iter__"):
            for child in item:
                yield from lines(child)

    texts: Texts = {}
    manager = PDFResourceManager()
    device = MarkedAggregator(manager, laparams=LAParams(all_texts=True))  # text in forms too
    interpreter = PDFPageInterpreter(manager, device)
    with open(path, "rb") as handle:
        for index, page in enumerate(PDFPage.get_pages(handle)):
            device.marks = []
            interpreter.process_page(page)
            for line in lines(device.get_result()):
                current = -1
                for char in line:
                    if isinstance(char, LTChar):
                        current = char.mcid
                    if current >= 0 and isinstance(char, (LTChar, LTAnno)):
                        text = " " if char.get_text() == "\n" else char.get_text()
                        texts[index, current] = texts.get((index, current), "") + text
    return texts


EXTRACTORS = {"pdfium": pdfium_texts, "pdfium-chars": pdfium_chars_texts, "pdfminer": pdfminer_texts}
# Imported before the clock starts, so that a single run times the extraction alone.
IMPORTS = {"pdfium": ["pipeline.check.outputs.pdf_text"], "pdfium-chars": ["pypdfium2"],
           "pdfminer": ["pdfminer.converter", "pdfminer.pdfinterp", "pdfminer.pdfpage"]}


def headings(path: Path) -> list[tuple[str, list[tuple[int, int]]]]:
    """(/T, [(page index, MCID), …]) of every heading element that has a /T."""
    import pikepdf
    from pipeline.check.outputs.pdf_structure import STANDARD_HEADING, _as_list, _role, _struct_elements
    found = []
    with pikepdf.open(path) as pdf:
        pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        tree = pdf.Root.StructTreeRoot
        for element in _struct_elements(tree):
            if not STANDARD_HEADING.match(_role(element, tree.get("/RoleMap"))) or "/T" not in element:
                continue
            marks = []

            def collect(node, page):
                for kid in _as_list(node.get("/K")):
                    if isinstance(kid, int) and not isinstance(kid, bool):
                        marks.append((pages[page.objgen], int(kid)))
                    elif isinstance(kid, pikepdf.Dictionary):
                        if "/MCID" in kid:
                            marks.append((pages[kid.get("/Pg", page).objgen], int(kid["/MCID"])))
                        elif "/S" in kid:
                            collect(kid, kid.get("/Pg", page))

            collect(element, element.get("/Pg"))
            found.append((str(element["/T"]), marks))
    return found


# Headings as other PDF makers write them (LaTeX, Word, print drivers), which Typst never does:
# a standard font with WinAnsi bytes and no /ToUnicode, text inside a form XObject, spaces made by
# TJ kerning, and words placed with Td and no space character.
FOREIGN = [
    ("Café – “Quoted”", b"BT /F1 18 Tf 72 720 Td (Caf\351 \226 \223Quoted\224) Tj ET"),
    ("Inside a form", b"/Fm1 Do"),
    ("Grants we gave", b"BT /F1 18 Tf 72 640 Td [(Grants)-333(we)-333(gave)] TJ ET"),
    ("Money spent", b"BT /F1 18 Tf 72 600 Td (Money) Tj 62 0 Td (spent) Tj ET"),
]


def foreign_pdf(path: Path) -> Path:
    """A one-page tagged PDF whose /H1 headings are drawn in the ways of FOREIGN, each with its /T."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String
    pdf = pikepdf.new()
    font = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding)
    form = pikepdf.Stream(pdf, b"BT /F1 18 Tf 72 680 Td (Inside a form) Tj ET", Type=Name.XObject,
                          Subtype=Name.Form, BBox=Array([0, 0, 612, 792]),
                          Resources=Dictionary(Font=Dictionary(F1=font)))
    content = b"\n".join(b"/H1 <</MCID %d>> BDC %s EMC" % (i, draw) for i, (_, draw) in enumerate(FOREIGN))
    resources = Dictionary(Font=Dictionary(F1=font), XObject=Dictionary(Fm1=form))
    pdf.pages.append(pikepdf.Page(Dictionary(Type=Name.Page, MediaBox=Array([0, 0, 612, 792]), Resources=resources,
                                             Contents=pikepdf.Stream(pdf, content))))
    page = pdf.pages[0]
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=root))
    headings = [pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.H1, P=document, Pg=page.obj, K=i,
                                             T=String(title)))
                for i, (title, _) in enumerate(FOREIGN)]
    document.K = Array(headings)
    root.K = document
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array([0, Array(headings)])))
    page.obj.StructParents = 0
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.save(path)
    return path


def measure_one(name: str, path: Path, runs: int) -> dict:
    """Runs in a fresh process, so that the peak RSS is this extractor's alone."""
    extract = EXTRACTORS[name]
    for module in IMPORTS[name]:
        importlib.import_module(module)
    times, texts = [], {}
    for _ in range(runs):
        started = time.perf_counter()
        texts = extract(path)
        times.append(time.perf_counter() - started)
    from pipeline.check.outputs.compare import same_text
    wrong = []
    for title, marks in headings(path):
        got = "".join(texts.get(mark, "") for mark in marks)
        if not same_text(got, title):
            wrong.append((title, got))
    return {"extractor": name, "file": path.name, "seconds": statistics.median(times),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            "headings": len(headings(path)), "wrong": wrong}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--extractors", default=",".join(EXTRACTORS))
    parser.add_argument("--foreign", action="store_true", help="also a PDF with headings drawn as LaTeX or Word do")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: measure one extractor in this process
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure_one(args.one, args.pdfs[0], args.runs)))
        return 0
    if not args.pdfs or args.foreign:
        args.pdfs.append(foreign_pdf(Path(tempfile.mkdtemp()) / "foreign.pdf"))
    print("| file | pages | extractor | s (median) | peak RSS MB | headings right |")
    print("|---|--:|---|--:|--:|--:|")
    import pikepdf
    for path in args.pdfs:
        with pikepdf.open(path) as pdf:
            pages = len(pdf.pages)
        for name in args.extractors.split(","):
            result = subprocess.run([sys.executable, __file__, str(path), "--one", name, "--runs", str(args.runs)],
                                    capture_output=True, text=True)
            if result.returncode != 0:  # pdfminer.six not installed, most often
                print(f"| {path.name} | {pages} | {name} | not measured: {result.stderr.strip().splitlines()[-1]} |")
                continue
            r = json.loads(result.stdout)
            right = r["headings"] - len(r["wrong"])
            print(f"| {path.name} | {pages} | {name} | {r['seconds']:.3f} | {r['peak_mb']} | "
                  f"{right} of {r['headings']} |", flush=True)
            for title, got in r["wrong"][:5]:
                print(f"|   | | wrong: | {title!r} | read as | {got!r} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

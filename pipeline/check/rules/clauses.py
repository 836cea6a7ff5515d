"""What the validator's rules enforce: the clauses of published standards and
guidelines, each with where a reader can look it up, and the impact scale.

A rule names its clauses by key, `@rule(..., clauses=("WCAG 1.1.1",), impact="critical")`,
as DAISY Ace and axe-core name the success criteria behind theirs; `python -m
pipeline rules` prints them and the SARIF output links to them. A key that is
not here stops the import, so no rule can cite a clause nobody wrote down.
"""
from __future__ import annotations

from dataclasses import dataclass

# axe-core's and DAISY Ace's scale, worst first: how badly a finding keeps a reader from the content.
IMPACTS = ("critical", "serious", "moderate", "minor")


@dataclass(frozen=True)
class Clause:
    key: str  # how a rule names it: "WCAG 1.1.1", "ISO 14289-1 7.3"
    title: str
    url: str

    def __str__(self) -> str:
        return f"{self.key} {self.title}"


def _wcag(number: str, title: str, level: str, slug: str) -> Clause:
    return Clause(f"WCAG {number}", f"{title} ({level})", f"https://www.w3.org/WAI/WCAG22/Understanding/{slug}.html")


# ISO 14289-1 is sold by ISO; veraPDF's published list of its PDF/UA-1 tests quotes each clause.
_PDF_UA = "https://github.com/veraPDF/veraPDF-validation-profiles/wiki/PDFUA-Part-1-rules"


def _pdf_ua(number: str, title: str) -> Clause:
    return Clause(f"ISO 14289-1 {number}", title, _PDF_UA)


# Inclusion Europe (2009), "Information for all: European standards for making information easy
# to read and understand", ISBN 2-87460-110-1: the numbered general standards of its part 1.
_EASY_TO_READ = "http://inclusion-europe.org/images/stories/documents/Project_Pathways1/Information_for_all.pdf"


def _easy_to_read(number: str, title: str) -> Clause:
    return Clause(f"Information for all {number}", title, _EASY_TO_READ)


CLAUSES: dict[str, Clause] = {clause.key: clause for clause in (
    _wcag("1.1.1", "Non-text Content", "A", "non-text-content"),
    _wcag("1.3.1", "Info and Relationships", "A", "info-and-relationships"),
    _wcag("1.3.2", "Meaningful Sequence", "A", "meaningful-sequence"),
    _wcag("1.4.3", "Contrast (Minimum)", "AA", "contrast-minimum"),
    _wcag("1.4.5", "Images of Text", "AA", "images-of-text"),
    _wcag("1.4.11", "Non-text Contrast", "AA", "non-text-contrast"),
    _wcag("2.4.2", "Page Titled", "A", "page-titled"),
    _wcag("2.4.4", "Link Purpose (In Context)", "A", "link-purpose-in-context"),
    _wcag("2.4.6", "Headings and Labels", "AA", "headings-and-labels"),
    _wcag("3.1.1", "Language of Page", "A", "language-of-page"),
    _wcag("3.1.3", "Unusual Words", "AAA", "unusual-words"),
    _wcag("3.1.4", "Abbreviations", "AAA", "abbreviations"),
    _wcag("3.1.5", "Reading Level", "AAA", "reading-level"),
    _pdf_ua("7.1", "General (tagged content, dc:title)"),
    _pdf_ua("7.2", "Text (natural language)"),
    _pdf_ua("7.3", "Graphics (Figure alternative text)"),
    _pdf_ua("7.4.2", "Numbered headings"),
    _pdf_ua("7.5", "Tables"),
    _pdf_ua("7.21.8", "Use of .notdef glyph"),
    Clause("EPUB 3.3 6.3.2", "Scripting", "https://www.w3.org/TR/epub-33/#sec-scripted-content"),
    Clause("HTML id", "(unique in its tree)",
           "https://html.spec.whatwg.org/multipage/dom.html#the-id-attribute"),
    Clause("HTML fragment", "(the indicated part of the document)",
           "https://html.spec.whatwg.org/multipage/browsing-the-web.html#the-indicated-part-of-the-document"),
    Clause("URL Standard", "(valid URL string; parsing against a base URL)",
           "https://url.spec.whatwg.org/#valid-url-string"),
    _easy_to_read("6", "Use easy to understand words that people will know well"),
    _easy_to_read("7", "Explain difficult words clearly"),
    _easy_to_read("8", "Use examples from everyday life to explain things"),
    _easy_to_read("12", "Avoid initials: use the word in full"),
    Clause("Information for all: Sentences", "(keep sentences short)", _EASY_TO_READ),
)}


def clauses_named(keys: tuple[str, ...], rule_id: str) -> tuple[Clause, ...]:
    unknown = [key for key in keys if key not in CLAUSES]
    if unknown:
        raise KeyError(f"rule {rule_id} cites {', '.join(unknown)}, which pipeline/check/rules/clauses.py "
                       f"does not list; add the clause there with its title and address")
    return tuple(CLAUSES[key] for key in keys)

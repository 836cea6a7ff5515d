"""Document rules: a title and a language, which every edition needs
(screen readers pick their voice from the language)."""
from __future__ import annotations

import re

from pipeline.check.rules import CheckContext, Hit, rule

# BCP 47, the shapes people actually write: en, en-GB, cy, zh-Hant-TW, sgn-GB.
LANGUAGE_TAG = re.compile(
    r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?"   # language, script, region
    r"(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"                # variants: de-CH-1996
    r"(-[a-wyzA-WYZ0-9](-[A-Za-z0-9]{2,8})+)*"                   # extensions: en-GB-u-ca-gregory
    r"(-[xX](-[A-Za-z0-9]{1,8})+)?$")                            # private use


def _where(ctx: CheckContext):
    if ctx.config is not None:
        return ctx.config
    return ctx.files[0].path if ctx.files else None


@rule("missing-title", "error", "The document has no title.",
      "set 'title:' in report.yaml (or in the file's YAML front matter)", ("document",),
      clauses=("WCAG 2.4.2", "ISO 14289-1 7.1"), impact="serious")
def missing_title(ctx: CheckContext):
    if not (ctx.title or "").strip():
        yield Hit("the document has no title", _where(ctx), 1, 1)


@rule("missing-lang", "error", "The document's language is missing or not a language tag.",
      "set 'lang:' to a BCP 47 tag such as en-GB or cy", ("document",),
      clauses=("WCAG 3.1.1", "ISO 14289-1 7.2"), impact="serious")
def missing_lang(ctx: CheckContext):
    lang = (ctx.lang or "").strip()
    if not lang:
        yield Hit("the document has no language", _where(ctx), 1, 1)
    elif not LANGUAGE_TAG.match(lang):
        yield Hit(f"'{lang}' is not a language tag", _where(ctx), 1, 1)

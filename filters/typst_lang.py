"""Mark passages in another language in the tagged PDF.

`[bore da]{lang=cy}` becomes `<span lang="cy">` in HTML, but pandoc's Typst
writer drops the attribute; a screen reader would then read Welsh with an
English voice. Typst's `text(lang: …)` sets the PDF's /Lang on that span.
"""
from __future__ import annotations


from filters import attr_get, node_filter, run_as_pandoc_filter


def _typst_lang_args(tag: str) -> str:
    language, _, region = tag.partition("-")
    args = f'lang: "{language.lower()}"'
    if len(region) == 2 and region.isalpha():
        args += f', region: "{region.lower()}"'
    return args


def _action(key, value, fmt, meta):
    if key == "Span":
        tag = attr_get(value[0], "lang")
        if tag:
            return [{"t": "RawInline", "c": ["typst", f"#text({_typst_lang_args(tag)})["]},
                    *value[1],
                    {"t": "RawInline", "c": ["typst", "]"]}]
    return None


apply = node_filter(_action, "typst")


if __name__ == "__main__":
    run_as_pandoc_filter(apply)

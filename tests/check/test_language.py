"""pipeline/check/language.py scores summaries exactly as textstat's own
flesch_reading_ease does (the formula it computes with textstat's backend and
cached CMU syllable counts must never drift from the pinned textstat), for
English and for languages textstat reads through Pyphen alone; a language
with no hyphenation rules gets no score rather than a wrong one."""
from __future__ import annotations

import pytest
from textstat.textstat import textstatistics

from pipeline.check.language import reading_ease, zipf

# Text as people paste it: contractions, hyphens, pound signs, emoji, smart quotes,
# words no dictionary has, shouting, a lone word, only punctuation.
ENGLISH = [
    "We gave £48,000 to 12 local groups. That's about £9 for every person who lives here!",
    "Our co-chairs didn't stop: the polytunnel, the allotments and the café all opened 🎉.",
    "THE YARD IS OPEN ON FRIDAYS. Everyone is welcome – bring a friend.",
    ("Notwithstanding the aforementioned considerations, the organisation's infrastructure "
     "necessitated comprehensive reconfiguration throughout the subsequent financial year."),
    "Hello.",
    "… – ?",
    "“Go,” she said. ‘We’ll see.’ It rose 2.5 per cent (from 3.1 to 5.6) in St. Mary's ward.",
]
OTHERS = {
    "de": "Wir haben im letzten Jahr zwölf Gruppen mit Geld geholfen. Das Café ist jetzt montags geöffnet.",
    "fr": "Nous avons aidé douze associations du quartier. Le café est ouvert tous les lundis.",
    "es": "Ayudamos a doce grupos del barrio. La cafetería abre todos los lunes por la mañana.",
    "nl": "We hebben twaalf groepen in de wijk geholpen. Het café is elke maandag open.",
    "it": "Abbiamo aiutato dodici gruppi del quartiere. Il bar è aperto ogni lunedì mattina.",
}


def textstat_score(text: str, tag: str) -> float:
    stats = textstatistics()
    stats.set_lang(tag)
    return round(stats.flesch_reading_ease(text), 1)


@pytest.mark.parametrize("lang", ["en-GB", "en-US", "en"])
@pytest.mark.parametrize("text", ENGLISH)
def test_english_scores_match_textstat(text, lang):
    expected = None if not text.strip() else textstat_score(text, lang.replace("-", "_"))
    assert reading_ease(text, lang) == expected


@pytest.mark.parametrize("lang", sorted(OTHERS))
def test_other_languages_score_as_textstat_does(lang):
    assert reading_ease(OTHERS[lang], lang) == textstat_score(OTHERS[lang], lang)


def test_a_bcp47_tag_is_read_as_textstat_names_it():
    assert reading_ease(OTHERS["de"], "de-LI") == textstat_score(OTHERS["de"], "de_LI")
    assert reading_ease(ENGLISH[0], "en-GB") != textstat_score(ENGLISH[0], "de")  # the language matters


def test_a_language_without_hyphenation_rules_gets_no_score():
    with pytest.raises(KeyError):
        textstat_score("Mae'r caffi ar agor bob dydd Llun.", "cy")
    assert reading_ease("Mae'r caffi ar agor bob dydd Llun.", "cy") is None
    assert reading_ease("   ", "en-GB") is None


def test_common_words_have_a_high_zipf_and_unknown_languages_none():
    assert zipf("money", "en-GB") > 5 > zipf("polytunnel", "en-GB")
    assert zipf("money", "tlh") is None

"""Ranking rules on the shipped data: inflections meet, no all-or-nothing cut, rare words count more,
question words prefer the kind of answer they ask for, and a word nothing holds is said, not hidden."""

from __future__ import annotations

from functools import cache

from belarus_cli.kb.store import load
from belarus_cli.search.index import SearchIndex
from belarus_cli.search.intent import preferred, speaker_words
from belarus_cli.search.normalise import query_tokens, russian_stems, stems, tokens
from belarus_cli.search.ranking import search, unmatched_words

from .conftest import REAL_DATA, Run


@cache
def index() -> SearchIndex:
    return SearchIndex.for_kb(load(REAL_DATA))


def ids(query: str, limit: int = 5) -> list[str]:
    return [hit.record.id for hit in search(index(), query, limit=limit)]


def test_english_inflections_meet_through_the_stemmer() -> None:
    assert stems(["arrests", "arrested", "sanctioned", "sanctions", "fr4978"]) == [
        "arrest", "arrest", "sanction", "sanction", "fr4978",
    ]  # fmt: skip
    assert "protasevich-sapega-arrested" in ids("Protasevich arrests")


def test_irregular_forms_meet_their_base_form() -> None:
    """No suffix rule takes "met" to "meet": "how many times Putin met Lukashenko" missed the count of
    their meetings. A form that is a verb itself keeps its own stem ("ground" is not "grind")."""
    assert stems(["met", "fled", "won", "held"]) == stems(["meeting", "flee", "win", "holding"])
    assert stems(["ground", "found"]) == ["ground", "found"]
    first = search(index(), "how many times Putin met Lukashenko in 2021", limit=1)[0]
    assert first.record.kind == "figures" and "meetings" in str(first.record.get("counts"))


def test_the_briefings_own_sentence_finds_the_record() -> None:
    """A record's passage (the briefing's sentence it is drawn from) is searched: words of the text
    that the curators' summary does not use find it, and without the passage they do not."""
    from belarus_cli.kb.records import KnowledgeBase, Record

    query = "in july 2021 who had attempted to stand as a presidential candidate"
    assert ids(query, 1) == ["babaryka-sentenced-14-years"]
    kb = index().kb
    bare = {rid: Record(r.kind, r.id, {k: v for k, v in r.data.items() if k != "passage"}, r.file, r.line)
            for rid, r in kb.records.items()}  # fmt: skip
    without = SearchIndex.build(KnowledgeBase(bare[kb.source.id], bare, kb.data_dir))
    assert "babaryka-sentenced-14-years" not in [hit.record.id for hit in search(without, query, limit=5)]


def test_stop_words_and_possessives_carry_no_weight() -> None:
    assert query_tokens("what did Lukashenko's regime do") == ["lukashenko", "regime"]
    assert ids("Lukashenko's referendum", 1) == ids("Lukashenko referendum", 1)


def test_a_long_question_never_falls_off_a_cliff() -> None:
    """Issue 12: this said "no matches" while a record had to match half of the query's words."""
    assert ids("migrants pushed across the border into Lithuania")


def test_a_word_nothing_holds_is_named_and_ignored() -> None:
    assert unmatched_words(index(), "zzqqxx Protasevich") == {"zzqqxx": []}
    assert ids("zzqqxx Protasevich", 1) == ids("Protasevich", 1) == ["roman-protasevich"]


def test_rarer_words_count_more() -> None:
    """'potash' is rare, 'sanctions' everywhere: the potash records lead, whatever the order."""
    for query in ("калий санкции", "sanctions potash", "potash sanctions"):
        assert "potash" in search(index(), query, limit=1)[0].record.label.casefold(), query


def test_question_words_prefer_their_kind_of_answer() -> None:
    assert preferred("how many political prisoners") == {"figures"}
    assert preferred("when did the EU ban Belarusian airlines") == {"dated"}
    assert preferred("what did Raab say about the sentences") == {"quotes"}
    assert preferred("political prisoners") == set()
    assert search(index(), "how many political prisoners", limit=1)[0].record.kind == "figures"


def test_asking_for_a_count_is_a_question_for_a_figure() -> None:
    """ "The number of ..." asks what "how many" asks: "number" carried the weight of a rare word, and
    led with a figure about trials whose summary says "a number of"."""
    assert query_tokens("the number of political prisoners") == ["political", "prisoners"]
    assert preferred("the number of political prisoners") == preferred("a count of detentions") == {"figures"}
    assert query_tokens("Number 10 statement") == ["number", "10", "statement"]  # no "of": a name
    assert preferred("Number 10 statement") == set()
    assert ids("total number of political prisoners", 1) == ["political-prisoners-722"]


def test_a_typo_never_becomes_a_function_word() -> None:
    """ "things" is no word of the briefing's, and its nearest spelling is "this", a stop word that a
    query never weighs: it lifted every record saying "this"."""
    from belarus_cli.search.ranking import similar_terms

    assert "this" in index().postings and "this" not in similar_terms(index(), "things")
    assert "thing" in similar_terms(index(), "thnig") or "things" not in index().postings


def test_asking_for_a_publication_prefers_the_sources() -> None:
    assert preferred("Chatham House piece on national identity") == {"footnotes"}
    assert preferred("the report on the election") == set()  # the briefing's events are reports too
    kinds = [hit.record.kind for hit in search(index(), "Guardian on the Ryanair flight", limit=3)]
    assert "footnotes" not in kinds
    kinds = [hit.record.kind for hit in search(index(), "Guardian article on the Ryanair flight", limit=3)]
    assert "footnotes" in kinds[:2]
    # The words naming a publication are the question, not its subject: no footnote holds them.
    assert query_tokens("the Politico explainer on harsher penalties") == ["politico", "harsher", "penalties"]
    assert ids("Politico explainer on tighter sanctions", 1) == ["fn-73"]


def test_the_named_speakers_quotes_come_first() -> None:
    assert speaker_words("what did Raab say about the sentences") == {"raab"}
    assert speaker_words("analyst says Lukashenko will not step down") == {"analyst"}
    first = search(index(), "what did Raab say about the sentences", limit=3)
    assert [hit.record.get("speaker") for hit in first] == ["dominic-raab"] * 3
    first = search(index(), "Dominic Raab said about the sentences", limit=3)
    assert [hit.record.get("speaker") for hit in first] == ["dominic-raab"] * 3


def test_one_word_of_a_name_does_not_make_a_speaker() -> None:
    """ "Exile group says": "group" is a word of the G7's other name ("Group of Seven"), and the G7's
    statements came first, above the exiles' own warning."""
    assert ids("exile group says it was warned about abductions", 1) == ["bhu-warned-kidnapping-assassination"]


def test_the_cli_says_which_words_matched_nothing(run: Run) -> None:
    result = run("search", "zzqqxx", "Protasevich", data=REAL_DATA)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "nothing in the briefing matches 'zzqqxx'; these results match the other words",
        "the best results match under half of what you asked: the briefing may not cover it",
    ]


def test_a_query_whose_every_word_matched_nothing_says_its_results_are_alike_in_meaning_only(run: Run) -> None:
    result = run("search", "giraffe", data=REAL_DATA)  # in no record, and no word related to it is either
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        "nothing in the briefing matches 'giraffe'; these results are alike in meaning only"
    )


def test_a_word_found_only_through_related_words_is_named_with_them(run: Run) -> None:
    result = run("search", "trombone", data=REAL_DATA)  # "instruments" (legal ones) stands in for it
    assert result.exit_code == 0, result.output
    first = result.stderr.splitlines()[0]
    assert first.startswith("nothing in the briefing matches 'trombone'; related words stand in for them: ")
    assert "instruments" in first
    spouses = run("search", "spouses", data=REAL_DATA).stderr.splitlines()[0]
    assert "wives" in spouses.partition("stand in for them: ")[2].split(", ")  # the word that matched, named


def test_related_words_reach_the_briefings_words() -> None:
    """No word of the query is the record's: "spouses" reaches "wives" through the related-words table."""
    hits = search(index(), "spouses stood in for the jailed contenders", limit=3)
    assert hits[0].record.id == "tikhanovskaya-becomes-opposition-candidate"
    assert "wives" in hits[0].terms
    # With "ran" (now meeting "run"), the record that the challengers "could not run" comes close.
    hits = search(index(), "spouses of the jailed contenders ran in their place", limit=2)
    wives = [hit for hit in hits if hit.record.id == "tikhanovskaya-becomes-opposition-candidate"]
    assert wives and "wives" in wives[0].terms


def test_results_show_the_passage_that_matched_and_its_source(run: Run) -> None:
    import json

    result = run("search", "Protasevich", "taken off", "-f", "json", data=REAL_DATA)
    hits = {h["id"]: h for h in json.loads(result.stdout)}
    arrested = hits["protasevich-sapega-arrested"]
    assert "taken off it" in arrested["snippet"]
    assert "protasevich" in arrested["matched_words"]
    # The event cites no footnote, and none is made up: its section, as the table shows it (a fresh
    # user found JSON's "" beside the table's "section 2.1").
    assert arrested["source"] == "section 2.1"
    assert hits["roman-protasevich"]["source"] == "fn 15: BBC News (+1)"  # and footnote 24


def test_the_snippet_shows_where_most_of_the_matched_words_are() -> None:
    """Not the words after the first match: "In July 2021 Viktor Babaryka, who had ..." hid the
    "attempted to stand as a presidential candidate" that was asked for."""
    from belarus_cli.search.snippets import snippet

    record = index().kb.records["babaryka-sentenced-14-years"]
    shown = snippet(record, {"july", "attempted", "stand", "presidential", "candidate"}, before=2, after=6)
    assert "attempted to stand as a presidential" in shown and "July" not in shown
    assert snippet(record, {"july"}, before=2, after=6).startswith("In July 2021")


def test_a_weak_answer_is_said_to_be_weak(run: Run) -> None:
    strong = run("search", "political prisoners", data=REAL_DATA)
    assert "may not cover it" not in strong.stderr
    weak = run("search", "Protasevich zebra giraffe elephant", data=REAL_DATA)
    assert "the briefing may not cover it" in weak.stderr


def test_russian_inflections_meet_before_transliteration() -> None:
    """Литва, Литве and Литву share a Russian stem, which transliteration alone would not see."""
    assert russian_stems("в Литве Литву")["litve"] == russian_stems("Литва")["litva"] == "ru:litv"
    assert russian_stems("Lithuania") == {}


def test_russian_function_and_question_words_carry_no_weight() -> None:
    assert query_tokens("сколько политзаключенных в Беларуси") == ["politzaklyuchennykh", "belarusi"]
    assert query_tokens("колькі") == ["kolki"]  # nothing but stop words: kept, as in English
    assert tokens("сколько") == ["skolko"]  # the soft sign does not split the word


def test_a_cyrillic_topic_and_a_name_rank_the_record_holding_both_first() -> None:
    """Issue 12: the name matched, the topic word did not meet its other inflection."""
    assert ids("Тихановская Литва", 1) == ["tikhanovskaya-flees-to-lithuania"]
    assert ids("Колесникова граница", 1) == ["kolesnikova-detained-ukraine-border"]


def test_a_country_named_in_cyrillic_meets_its_english_name() -> None:
    """'Британия' matched only a fuzzy neighbour ('britanskaya', one keyword), so that record led
    "Лукашенко санкции Британия"; the records name the UK in English, in any inflection typed."""
    for query in ("Лукашенко санкции Британия", "Лукашенко санкции Великобритании", "Брытанія Лукашэнка"):
        top = search(index(), query, limit=3)
        assert all("lukashenko" in hit.terms and hit.terms & {"uk", "britain", "british"} for hit in top), query
    # Since "санкции" also reads as sanctions, every UK sanctions record on Lukashenko meets all three
    # words: his "choke on those sanctions" is among them, and no defence quote is above it.
    assert "lukashenko-choke-on-sanctions" in ids("Лукашенко санкции Британия", 5)
    assert unmatched_words(index(), "ОБСЕ Москвы") == {}


def test_a_russian_question_asks_for_its_kind_of_answer() -> None:
    assert preferred("сколько политзаключенных") == {"figures"}
    assert preferred("когда выборы") == {"dated"}
    assert speaker_words("что сказал Рааб о приговорах") == speaker_words("Рааб заявил") == {"raab"}
    assert {hit.record.kind for hit in search(index(), "Рааб заявил", limit=3)} == {"quotes"}


def test_asking_for_a_comment_puts_that_persons_quotes_first() -> None:
    assert preferred("Lukashenko comment on Shishov death") == {"quotes"}
    assert speaker_words("Raab's comments on the sentences") == {"raab"}
    assert ids("Lukashenko comment on Shishov death", 1) == ["lukashenko-shishov-no-one-to-us"]


def test_the_reporting_words_are_the_stop_list_transliterated() -> None:
    """intent keeps them transliterated (no search transliterates a list); they must stay the same words."""
    from belarus_cli.search import intent
    from belarus_cli.search.normalise import REPORTING_WORDS

    assert intent._SAID == set(tokens(" ".join(REPORTING_WORDS)))


def test_an_everyday_equivalent_stands_in_for_a_word_the_briefing_never_uses() -> None:
    """'Kyiv' and 'Washington' are not in the briefing: they reach Ukraine and the US. 'Minsk' is, so it
    matches where the briefing says Minsk, not every record about Belarus."""
    assert unmatched_words(index(), "Kyiv Washington") == {}
    assert any("ukraine" in record_id for record_id in ids("Kyiv"))
    assert ids("Washington sanctions", 1)[0].startswith("us-")
    minsk = search(index(), "Minsk", limit=None)
    saying_minsk = ["minsk" in hit.terms for hit in minsk if hit.coverage]
    # Every record that says Minsk comes before any that only says something related (Belarus, say).
    assert saying_minsk and saying_minsk[0] and saying_minsk == sorted(saying_minsk, reverse=True)


def test_a_russian_topic_word_reads_as_the_english_word_the_records_use() -> None:
    """ "доля России в государственном долге" found nothing about the debt: no record holds "долг" in any
    spelling, only curated keywords held some Russian words. The cross-lingual table reads "долге" as
    debt; with the keywords removed, the Russian words still find the English records."""
    from belarus_cli.kb.records import KnowledgeBase, Record
    from belarus_cli.search.cross_lingual import english_words

    assert english_words(russian_stems("санкций")["sanktsiy"])[:1] == ["sanctions"]
    assert "detained" in english_words(russian_stems("задержаны")["zaderzhany"])
    assert english_words("ru:zzzz") == []
    assert ids("доля России в государственном долге Беларуси", 1) == ["russia-share-of-belarus-state-debt-38"]
    kb = index().kb
    bare = {rid: Record(r.kind, r.id, {k: v for k, v in r.data.items() if k != "keywords"}, r.file, r.line)
            for rid, r in kb.records.items()}  # fmt: skip
    without = SearchIndex.build(KnowledgeBase(bare[kb.source.id], bare, kb.data_dir))
    top = search(without, "задержаны журналисты", limit=3)
    assert top and all(hit.terms & {"detained", "detention", "detentions"} for hit in top[:1])


def test_a_word_read_only_through_its_english_reading_is_named_as_typed(run: Run) -> None:
    result = run("search", "долге", data=REAL_DATA)
    assert result.exit_code == 0, result.output
    first = result.stderr.splitlines()[0]
    assert first.startswith("nothing in the briefing matches 'долге'; related words stand in for them: ")
    assert "debt" in first.partition("stand in for them: ")[2].split(", ")


def test_a_title_typed_whole_earns_the_phrase_bonus_function_words_and_typos_included() -> None:
    """The bonus compared the content words alone ("integration hold russia belarus"), which no title
    holds, so a footnote's title typed in full came third; and a typo kept any phrase from matching."""
    assert ids("Integration on hold for Russia and Belarus", 1) == ["fn-40"]
    assert ids("Intergration on hold for Russia and Belarus", 1) == ["fn-40"]


def test_two_swapped_letters_are_read_as_the_word() -> None:
    """ "fule" is two edits from "fuel" by the fuzzy ratio, under a short word's cutoff: a swap of
    adjacent letters, the commonest slip, is tried as a spelling of its own."""
    from belarus_cli.search.ranking import similar_terms

    assert "fuel" in similar_terms(index(), "fule")
    assert ids("UK share of Belarusian fule exports", 1) == ["uk-share-of-belarus-fuel-exports-32-1-per-cent"]


def test_an_english_stem_in_a_name_is_weak_evidence() -> None:
    """ "frontier" shares its stem with "frontières", a word of Reporters sans frontières' alias, and a
    name's weight made that match lead: the press-freedom body came first for migrants at the border."""
    query = "travellers from Africa and the Mideast funnelled to the frontier"
    assert ids(query, 1) == ["belarus-accused-engineering-migrant-crisis"]
    assert ids("Reporters sans frontieres", 1) == ["reporters-without-borders"]  # the name itself still leads


def test_asking_for_a_chapter_puts_the_sections_first() -> None:
    """ "Which chapter ..." wants a part of the briefing: every section competes, by meaning where no
    word matches, and the words that ask ("chapter", "раздел") carry no weight."""
    assert preferred("which chapter deals with how Western countries reacted") == {"sections"}
    assert query_tokens("section on sanctions") == ["sanctions"]
    assert ids("which chapter deals with how Western countries reacted", 1) == ["section-3"]
    assert ids("раздел о росте влияния России", 1) == ["section-2-2"]
    ahead = search(index(), "chapter looking ahead", limit=2)  # no word of "Outlook" typed
    assert {hit.record.kind for hit in ahead} == {"sections"} and "section-4" in [hit.record.id for hit in ahead]
    assert ids("engineerd migrant crisis", 1) == ["section-3-2"]  # a subheading, typo and all
    assert ids("section 2.1", 1) == ["section-2-1"] and ids("раздел 2.2", 1) == ["section-2-2"]  # by number


def test_typography_is_written_as_anyascii_writes_it() -> None:
    """normalise spells quotes, dashes, £ and € itself, to spare English text anyascii's import: the
    index and the query must still read them alike."""
    from anyascii import anyascii

    from belarus_cli.search.normalise import TYPOGRAPHY, normalise

    assert {chr(code): anyascii(chr(code)) for code in TYPOGRAPHY} == {chr(k): v for k, v in TYPOGRAPHY.items()}
    assert normalise("“£1.5 million” – Raab’s") == normalise('"GBP1.5 million" - Raab\'s')


def test_other_verbs_of_speaking_name_the_speaker_but_not_in_the_passive() -> None:
    """ "What did Lukashenko threaten the EU with" asks for his words, as "what did he say" does; in
    "Belarus accused of ...", Belarus is who was spoken of, and nothing asks for a quote."""
    assert speaker_words("what did Lukashenko threaten the EU with") == {"lukashenko"}
    assert speaker_words("what did Moscow call the plane incident") == {"moscow"}
    assert speaker_words("Belarus accused of engineering a migrant crisis") == set()
    assert preferred("Belarus accused of engineering a migrant crisis") == set()
    first = search(index(), "what did Lukashenko threaten the EU with after the Ryanair outcry", limit=1)[0]
    assert first.record.kind == "quotes" and first.record.get("speaker") == "alexandr-lukashenko"


def test_a_whole_word_is_not_read_as_the_start_of_a_name() -> None:
    """ "next" is a word of its own, not the outlet Nexta cut short; "Protas", a word of no record, is."""
    assert ids("what happens next", 1) == ["outlook-uncertain"]
    assert "nexta" not in ids("what happens next", 3)
    assert ids("Protas", 1) == ["roman-protasevich"]

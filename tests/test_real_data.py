"""The shipped knowledge base, held to the briefing's text (the copy shipped in the package)."""

from __future__ import annotations

import json
import re

import pytest

from belarus_cli.kb import briefing_check as source_checks
from belarus_cli.kb.briefing_text import SHIPPED_BRIEFING, SourceText
from belarus_cli.kb.dates import MONTH_NAMES
from belarus_cli.kb.records import KnowledgeBase
from belarus_cli.kb.store import load

from .conftest import REAL_DATA, Run

# Issue 3's floor for each kind ("about 40" people and "about 45" organisations are floors of 35 and 45).
MINIMUM = {"people": 35, "organisations": 45, "events": 80, "figures": 100, "quotes": 55}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load(REAL_DATA)


@pytest.fixture(scope="module")
def source(kb: KnowledgeBase) -> SourceText:
    return SourceText.from_file(SHIPPED_BRIEFING, kb.source.data["sections"])


def test_sections_match_the_contents_list(kb: KnowledgeBase, source: SourceText) -> None:
    numbers = [str(s["number"]) for s in kb.source.data["sections"]]
    assert numbers == ["summary", "1", "1.1", "2", "2.1", "2.2", "3", "3.1", "3.2", "3.3", "4"]
    assert [number for _, number in source.headings] == numbers
    pages = {str(s["number"]): s["page"] for s in kb.source.data["sections"]}
    assert pages == {
        "summary": 4,
        "1": 6,
        "1.1": 6,
        "2": 9,
        "2.1": 9,
        "2.2": 14,
        "3": 19,
        "3.1": 19,
        "3.2": 20,
        "3.3": 27,
        "4": 29,
    }


def test_all_98_footnotes_as_printed(kb: KnowledgeBase, source: SourceText) -> None:
    assert sorted(int(r.get("number")) for r in kb.of_kind("footnotes")) == list(range(1, 99))
    assert source_checks.check_footnotes(kb, source) == []


def test_ibid_points_back_to_a_cited_source(kb: KnowledgeBase) -> None:
    ibids = [r for r in kb.of_kind("footnotes") if r.get("ibid")]
    assert sorted(int(r.get("number")) for r in ibids) == [5, 28, 43, 83, 97]
    for note in ibids:
        target = kb.footnote(int(note.get("ibid")))
        assert target is not None and int(target.get("number")) < int(note.get("number"))


@pytest.mark.parametrize("kind", sorted(MINIMUM))
def test_counts_reach_the_floor(kb: KnowledgeBase, kind: str) -> None:
    assert len(kb.of_kind(kind)) >= MINIMUM[kind]


def test_every_quote_verbatim_in_its_section(kb: KnowledgeBase, source: SourceText) -> None:
    problems = [(c.record.id, c.problem) for c in source_checks.check_quotes(kb, source) if c.problem]
    assert problems == []


def test_every_figure_number_in_its_section_or_footnotes(kb: KnowledgeBase, source: SourceText) -> None:
    assert [(r.id, field, m) for r, field, m in source_checks.check_figures(kb, source)] == []


def test_every_event_year_in_its_section_or_footnotes(kb: KnowledgeBase, source: SourceText) -> None:
    assert [(r.id, m) for r, m in source_checks.check_event_years(kb, source)] == []


# Numerals in a section's text that count nothing: names of things and a cross-reference.
NOT_QUANTITIES = {
    ("summary", "4978"),
    ("2.1", "4978"),  # flight FR4978
    ("2.1", "2.2"),  # "see section 2.2"
    ("2.2", "21"),
    ("2.2", "30"),
    ("2.2", "400"),  # Zapad-21, Su-30SM, S-400
    ("3.1", "19"),  # COVID-19
    ("3.3", "42"),
}  # 42 Commando
_MONTH = "|".join(MONTH_NAMES[1:])
_DATES = re.compile(rf"\b\d{{1,2}} (?:{_MONTH})(?: \d{{4}})?|(?:{_MONTH}) \d{{4}}|\b(?:19|20)\d\d\b")


def test_every_numeral_in_the_text_has_a_figure_in_its_section(kb: KnowledgeBase, source: SourceText) -> None:
    """Issue 3's "every number the briefing states": each numeral of a section's text (dates aside) is
    the value_text of a figure of that section (or of the detailed section, for the Summary's repeats)."""
    sections = kb.source.data["sections"]
    printed = {
        str(s["number"]): " | ".join(
            str(f.get("value_text")) for f in kb.of_kind("figures") if f.get("section") == s["number"]
        )
        for s in sections
    }
    everywhere = " | ".join(printed.values())
    missing = []
    for section in sections:
        number, text = str(section["number"]), printed[str(section["number"])]
        heading = f"{number} {section['title']}" if number != "summary" else "Summary"
        body = _DATES.sub(" ", source.section_text(number).removeprefix(heading))
        for numeral in re.findall(r"\d[\d,.]*\d|\d", body):
            if (number, numeral) not in NOT_QUANTITIES and numeral not in (everywhere if number == "summary" else text):
                missing.append((number, numeral))
    assert missing == []


def test_exports_table_both_rows(kb: KnowledgeBase) -> None:
    series = kb.get("belarus-exports-to-uk-2016-2020")
    assert series is not None
    assert series.get("periods") == ["2016", "2017", "2018", "2019", "2020"]
    rows = {row["label"]: row["values"] for row in series.get("rows")}
    assert list(rows.values()) == [[1080, 2382, 3068, 2306, 814], [4.6, 8.3, 9.3, 7.2, 2.9]]


def test_validate_against_the_briefing_exits_0(run) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", "--source", data=REAL_DATA)
    assert result.exit_code == 0, result.stderr[-3000:]
    assert result.stdout.splitlines()[-1].endswith("every quote verbatim in the briefing's text shipped with belarus")


@pytest.mark.parametrize(
    ("who", "speaker"),
    [
        ("UN Human Rights Council", "un-human-rights-council"),
        ("Lukashenka", "alexandr-lukashenko"),
        ("Stoltenberg", "jens-stoltenberg"),
    ],
)
def test_quotes_by_a_body_or_a_person_by_name(run, who: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    """A body's exact name finds the body, not a loose match among people (looked at together)."""
    result = run("quotes", "--by", who, "--format", "json", data=REAL_DATA)
    assert result.exit_code == 0, result.stderr
    speakers = {quote["speaker"] for quote in json.loads(result.stdout)}
    assert speakers == {speaker}


def test_every_record_can_be_shown_and_cited_in_every_style(kb: KnowledgeBase) -> None:
    """A sweep over the shipped data: one crash here would be a traceback for a researcher (a linked
    record without a date once broke `show` for every sanctions event)."""
    from belarus_cli.cite import Style, formats, styles
    from belarus_cli.views.card import detail

    for record in kb:  # the briefing's own record too: `cite briefing` cites it whole
        card = detail(kb, record)
        assert card.citation
        for style in Style:
            assert styles.cite(kb, record, style)
            assert styles.cite(kb, record, style, markdown=True)
        assert formats.bibtex_entries(kb, [record])[0].startswith("@techreport{mills2021belarus,")
    assert formats.csl_json(kb, [r for r in kb if r.kind != "source"])


def test_a_body_includes_its_parts(run: Run) -> None:
    """Issue 14: `quotes --by OSCE` said "no quotes" although ODIHR, the OSCE's office, has one."""
    kb = load(REAL_DATA)
    assert kb.with_parts("osce") == {"osce", "odihr"}
    result = run("quotes", "--by", "OSCE", "--format", "json", data=REAL_DATA)
    assert result.exit_code == 0, result.output
    assert "odihr-overwhelming-evidence-falsified" in {q["id"] for q in json.loads(result.stdout)}


def test_words_said_jointly_are_one_quote_with_every_speaker(run: Run) -> None:
    """Issue 14: joint statements were stored once per party (14 records for 5 texts)."""
    kb = load(REAL_DATA)
    texts = [q.get("text") for q in kb.of_kind("quotes")]
    assert len(texts) == len(set(texts))  # no text twice
    joint = kb.get("joint-statement-deep-concern")
    assert joint is not None
    assert kb.speaker_name(joint) == "Canada, European Union, UK Government and United States"
    for body in ("Canada", "United States"):
        listed = json.loads(run("quotes", "--by", body, "--format", "json", data=REAL_DATA).stdout)
        assert "joint-statement-deep-concern" in {q["id"] for q in listed}, body


def test_the_timeline_follows_the_texts_order_where_dates_cannot(run: Run) -> None:
    """Issue 14: '2020: Tikhanovskaya flees to Lithuania' stood above the election she fled after."""
    events = [
        e["id"]
        for e in json.loads(run("timeline", "--from", "2020", "--to", "2020", "-f", "json", data=REAL_DATA).stdout)
    ]
    election = events.index("presidential-election-2020")
    assert election < events.index("tikhanovskaya-flees-to-lithuania") < election + 6
    # Every event the data places after another comes after it, whatever the two dates' precision.
    timeline = [e["id"] for e in json.loads(run("timeline", "-f", "json", data=REAL_DATA).stdout)]
    kb = load(REAL_DATA)
    placed = [(e.id, str(e.get("after"))) for e in kb.of_kind("events") if e.get("after")]
    assert len(placed) >= 13
    for later, earlier in placed:
        assert timeline.index(earlier) < timeline.index(later), (earlier, later)
    table = run("timeline", "--from", "2020", "--to", "2020", "-f", "plain", data=REAL_DATA).stdout
    assert "2020, month not given" in table


def test_a_fact_the_briefing_states_twice_is_one_record_in_both_sections() -> None:
    """Issue 14: the EU ban on Belarusian carriers was two records with two dates on the timeline."""
    from belarus_cli.kb.filters import RecordFilter

    kb = load(REAL_DATA)
    ban = kb.get("eu-uk-ban-belarusian-carriers")
    assert (
        ban is not None and ban.list("also_in") == ["3.2"] and kb.get("eu-bans-belarusian-carriers-june-2021") is None
    )
    assert RecordFilter(sections=frozenset({"3.2"})).matches(ban)
    assert RecordFilter(sections=frozenset({"2.1"})).matches(ban)
    assert not RecordFilter(sections=frozenset({"1.1"})).matches(ban)


def test_a_month_range_lists_what_falls_in_it_first_and_marks_what_only_may(run: Run) -> None:
    """Issue 14: an event dated only "2021" opened a September 2021 range; now it comes after every
    event known to be in September, marked."""
    asked = ("timeline", "--from", "2021-09", "--to", "2021-09")
    events = json.loads(run(*asked, "-f", "json", data=REAL_DATA).stdout)
    dates = [(e["date"], e.get("date_qualifier")) for e in events]
    september = [i for i, (d, q) in enumerate(dates) if d.startswith("2021-09") and q in (None, "early", "mid")]
    year_only = [i for i, (d, _) in enumerate(dates) if d == "2021"]
    assert september and year_only and max(september) < min(year_only)
    # JSON marks the same events as the date column does, by a field of its own
    import csv

    rows = csv.DictReader(run(*asked, "-f", "csv", data=REAL_DATA).stdout.splitlines())
    marked_in_csv = {row["id"] for row in rows if row["date"].endswith("may be outside the range")}
    assert {e["id"] for e in events if e["may_be_outside_range"]} == marked_in_csv
    assert {events[i]["id"] for i in year_only} <= marked_in_csv
    table = run(*asked, "-f", "plain", data=REAL_DATA).stdout
    for line in table.splitlines():
        if "2021, month not given" in line:
            assert "may be outside the range" in line
        if "9 Sep 2021" in line:
            assert "may be outside" not in line


def test_an_after_link_bounds_a_range_as_the_events_own_date_does(run: Run) -> None:
    """Issue 12: "by 5 Oct 2021, after end of October 2020" showed as "may be outside" a range from
    October 2020, which holds it for certain; from November it may be outside (it may be 31 October);
    and "before 9 Aug 2020" is outside a range that starts on 9 August, not "may be"."""
    import csv

    def dates(date_from: str) -> dict[str, str]:
        table = run("timeline", "--from", date_from, "-f", "csv", data=REAL_DATA).stdout
        return {row["id"]: row["date"] for row in csv.DictReader(table.splitlines())}

    joint = "canada-uk-joint-statement-odihr-recommendations"
    assert dates("2020-10")[joint] == "by 5 Oct 2021"
    assert dates("2020-11")[joint] == "by 5 Oct 2021, may be outside the range"
    assert "before 9 Aug 2020, may be outside the range" in dates("2020-08-08").values()
    assert not [d for d in dates("2020-08-09").values() if d.startswith("before 9 Aug 2020")]


def test_a_span_shows_both_ends_and_meets_a_range_that_holds_only_its_end(run: Run) -> None:
    """Found with issue 12's ``after`` fix: ``date_end`` was never shown or filtered on, so the ban of
    24 May to 4 June 2021 read "24 May 2021" and was missing from a June timeline."""
    import csv

    table = run("timeline", "--from", "2021-06", "--to", "2021-06", "-f", "csv", data=REAL_DATA).stdout
    dates = {row["id"]: row["date"] for row in csv.DictReader(table.splitlines())}
    assert dates["eu-uk-ban-belarusian-carriers"] == "24 May 2021 – 4 Jun 2021, may be outside the range"
    july = run("timeline", "--from", "2021-07", "--to", "2021-07", "-f", "csv", data=REAL_DATA).stdout
    assert "eu-uk-ban-belarusian-carriers" not in july
    whole = run("timeline", "-f", "csv", data=REAL_DATA).stdout
    assert "\n2019 – 2020,belarus-exports-to-uk-fall-2019-2020," in whole


def test_the_whole_timeline_keeps_every_event_in_its_place(run: Run) -> None:
    """Issue 16 battery, found while fixing it: with no --from/--to, every event with a qualified date
    ("by 5 Oct 2021", "before 9 Aug 2020") was moved to the end and marked "may be outside the range",
    a range nobody had asked for."""
    events = json.loads(run("timeline", "-f", "json", data=REAL_DATA).stdout)
    table = run("timeline", "-f", "plain", data=REAL_DATA).stdout
    assert "may be outside" not in table
    assert not [e for e in events if e["may_be_outside_range"]]
    order = [e["id"] for e in events]
    assert order.index("presidential-election-2020") < order.index("tikhanovskaya-flees-to-lithuania")
    first_by = next(i for i, e in enumerate(events) if e.get("date_qualifier") == "by")
    assert events[first_by]["date"] < events[-1]["date"]  # not all gathered at the end


def test_csv_keeps_the_short_source_whole(run: Run) -> None:
    """A fresh user's check: the README says CSV and Markdown carry the short source in full, but a
    long publisher's name was cut as in a table ("fn 10: Foreign, Commonwealth and Development O…")."""
    import csv

    table = run("timeline", "-f", "csv", data=REAL_DATA).stdout
    rows = {row["id"]: row for row in csv.DictReader(table.splitlines())}
    assert rows["canada-uk-joint-statement-odihr-recommendations"]["source"] == (
        "fn 10: Foreign, Commonwealth and Development Office"
    )


def test_a_tag_no_record_has_is_said_and_case_does_not_matter(run: Run) -> None:
    """A fresh user's check: `figures --tag funding` and `--tag Sanctions` said only "no figures match
    those filters", as if the tag were real."""
    unknown = run("figures", "--tag", "sanction", data=REAL_DATA)
    assert unknown.exit_code == 2
    assert unknown.stderr == (
        "belarus: --tag 'sanction': no record has this tag; did you mean sanctions? (--tag <TAB> completes tags)\n"
    )
    capitalised = run("figures", "--tag", "Sanctions", "-f", "json", data=REAL_DATA)
    assert capitalised.exit_code == 0
    assert capitalised.stdout == run("figures", "--tag", "sanctions", "-f", "json", data=REAL_DATA).stdout
    assert run("figures", "--tag", "olympics", data=REAL_DATA).exit_code == 1  # a real tag no figure has


def test_a_vague_amount_has_no_invented_number(run: Run) -> None:
    """A fresh user's check: "thousands" was value 1000 and "dozens" 10 in JSON, numbers the briefing
    never gives, which a script reading ``value`` would take as counts."""
    figures = {f["id"]: f for f in json.loads(run("figures", "-f", "json", data=REAL_DATA).stdout)}
    vague = {"thousands", "dozens", "hundreds", "tens of thousands"}
    without = [f for f in figures.values() if f["value_text"].casefold() in vague]
    assert len(without) == 6 and all("value" not in f for f in without)
    assert figures["political-prisoners-722"]["value"] == 722  # a number the briefing gives stays


def test_every_section_has_one_record_whose_headings_are_printed_in_it(kb: KnowledgeBase, source: SourceText) -> None:
    listed = [str(s["number"]) for s in kb.source.data["sections"]]
    assert sorted(str(r.get("section")) for r in kb.of_kind("sections")) == sorted(listed)
    assert source_checks.check_headings(kb, source) == []
    migrants = kb.get("section-3-2")
    assert migrants is not None and "An engineered migrant crisis?" in migrants.list("headings")


def test_a_heading_not_printed_in_its_section_is_reported(kb: KnowledgeBase, source: SourceText) -> None:
    from belarus_cli.kb.records import Record

    moved = Record("sections", "section-3-3", {"section": "3.3", "headings": ["Military cooperation"]}, "x.yaml", 1)
    swapped = Record(
        "sections",
        "section-2-2",
        {
            "section": "2.2",
            "headings": [
                "Military cooperation",
                "Greater economic and political integration – the price of Russian support?",
            ],
        },
        "x.yaml",
        1,
    )  # noqa: E501
    only = KnowledgeBase(kb.source, {"briefing": kb.source, moved.id: moved, swapped.id: swapped}, kb.data_dir)
    found = [message for _, message in source_checks.check_headings(only, source)]
    assert found == [
        "'Military cooperation' is not printed as a heading in section 3.3",
        "'Greater economic and political integration – the price of Russian support?' is printed before the heading "
        "listed ahead of it",
    ]

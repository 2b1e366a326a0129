"""The annotated reader: what it shows with every layer, with none, and with hostile text."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from ficscope.cli.main import main
from ficscope.model import (
    BlockRole,
    Character,
    Evidence,
    Metadata,
    ProofFlag,
    Relationship,
    TagStatus,
    TagSuggestion,
    TagType,
    Work,
)
from ficscope.pipeline import analyze_path, analyze_work
from ficscope.readers.plaintext import parse_text
from ficscope.render.html import csp_hash, render_reader, static_text
from ficscope.render.sample import sample_work
from ficscope.render.viewmodel import reader_model

AO3_SAMPLE = (
    Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "ao3" / "23009290.html"
)


def doc(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def sample() -> Work:
    return sample_work()


@pytest.fixture(scope="module")
def sample_html(sample: Work) -> str:
    return render_reader(sample)


# -- with every layer ------------------------------------------------------------------------------


def test_every_story_paragraph_is_shown(sample: Work, sample_html: str) -> None:
    story = words(doc(sample_html).get_element_by_id("story").text_content())
    for block in sample.blocks_of(BlockRole.PARAGRAPH):
        assert words(sample.span_text(block)) in story


def test_dialogue_is_coloured_by_speaker_with_name_and_confidence(
    sample: Work, sample_html: str
) -> None:
    page = doc(sample_html)
    quotes = page.cssselect(".story span.q[data-speaker]")
    assert len(quotes) >= len([q for q in sample.quotes if q.speaker])
    colours = {
        q.get("data-speaker"): {c for c in q.get("class").split() if c.startswith("sp-")}
        for q in quotes
    }
    assert colours["ines"] and colours["corrin"] and colours["hask"]
    assert len({frozenset(c) for c in colours.values()}) == 3  # three speakers, three colours
    first = page.cssselect('.story span.q[data-speaker="ines"][title]')[0]
    assert first.get("title") == "Ines Varga · 93% sure · to Corrin"
    assert first.get("tabindex") == "0"  # reachable by keyboard


def test_cast_panel_lists_names_aliases_lines_and_pronouns(sample_html: str) -> None:
    cast = doc(sample_html).get_element_by_id("cast")
    text = words(cast.text_content())
    for expected in (
        "Ines Varga",
        "she/her",
        "also Ines, the girl",
        "Old Hask",
        "5 lines",
        "3 lines",
    ):
        assert expected in text
    assert len(cast.cssselect("li.member")) == 3


def test_relationship_graph_is_drawn_with_a_list_beside_it(sample_html: str) -> None:
    panel = doc(sample_html).get_element_by_id("relationships")
    svg = panel.cssselect("svg.graph")[0]
    assert len(svg.cssselect("circle")) == 3
    assert len(svg.cssselect("line.edge")) == 3
    assert len(svg.cssselect("line.edge.romantic")) == 1
    assert "Ines/Corrin" in panel.text_content()


def test_every_evidence_link_lands_on_an_anchor_in_the_text(sample_html: str) -> None:
    page = doc(sample_html)
    links = page.cssselect("a.ev-link")
    assert len(links) >= 6
    for link in links:
        target = link.get("href").removeprefix("#")
        mark = page.get_element_by_id(target)
        assert mark.tag == "mark" and "ev" in mark.get("class").split()
        assert (
            mark.getparent() is not None and page.get_element_by_id("story") in mark.iterancestors()
        )


def test_evidence_across_paragraphs_marks_both_parts(sample: Work, sample_html: str) -> None:
    storms = next(t for t in sample.tags if t.tag == "Storms").evidence[0]
    model = reader_model(sample)
    anchor = next(
        ev["id"]
        for g in model["tags"]["groups"]
        for s in g["suggested"]
        if s["tag"] == "Storms"
        for ev in s["evidence"]
    )
    pieces = doc(sample_html).cssselect(f'mark.ev[data-ev="{anchor}"]')
    assert len(pieces) == 2
    assert [p.get("id") for p in pieces] == [anchor, None]
    assert "".join(p.text_content() for p in pieces) == sample.text[
        storms.start : storms.end
    ].replace("\n\n", "")


def test_tags_show_declared_suggested_status_and_conflict(sample_html: str) -> None:
    tags = words(doc(sample_html).get_element_by_id("tags").text_content())
    assert "General Audiences" in tags  # declared
    assert "Teen And Up Audiences 55% differs from declared: General Audiences" in tags
    assert "Hurt/Comfort 66% not declared" in tags
    assert "Show me why (2) for Hurt/Comfort" in tags


def test_proofreading_marks_are_in_the_text_and_listed(sample_html: str) -> None:
    page = doc(sample_html)
    marks = page.cssselect(".story span.pf")
    assert [m.text_content() for m in marks] == ["teh", "loose the line", "Some thing's"]
    assert page.get_element_by_id("opt-proof").get("checked") is None  # off until asked for
    listed = page.cssselect("#proofreading a.pf-link")
    assert [a.get("href") for a in listed] == ["#pf-1", "#pf-2", "#pf-3"]
    assert "→ the" in words(page.get_element_by_id("proofreading").text_content())


def test_chapters_have_navigation(sample_html: str) -> None:
    page = doc(sample_html)
    toc = [a.get("href") for a in page.cssselect("#contents a")]
    assert toc == ["#ch-1", "#ch-2"]
    assert page.cssselect("#ch-1 a[rel=next]")[0].get("href") == "#ch-2"
    assert page.cssselect("#ch-2 a[rel=prev]")[0].get("href") == "#ch-1"
    assert page.cssselect("#ch-1 h2")[0].text_content() == "Chapter 1: The Crossing"


def test_themes_print_and_phone_styles_are_bundled() -> None:
    css = static_text("reader.css")
    assert (
        "@media print" in css and "prefers-color-scheme: dark" in css and "max-width: 36rem" in css
    )
    assert 'data-theme="dark"' in css


# -- with no analysis ------------------------------------------------------------------------------


def test_a_bare_work_renders_and_says_what_was_not_analysed() -> None:
    work = parse_text('Just one line of "story", nothing declared.\n')
    html = render_reader(work)
    page = doc(html)
    assert "Just one line of" in page.get_element_by_id("story").text_content()
    assert not page.cssselect(".sp")
    for panel, says in (
        ("cast", "Characters were not analysed"),
        ("relationships", "Relationships were not analysed"),
        ("proofreading", "Proofreading was not analysed"),
        ("tags", "Tags were not suggested"),
    ):
        assert says in page.get_element_by_id(panel).text_content()


def test_quotes_without_speakers_are_uncoloured() -> None:
    work = analyze_work(parse_text('"Hello," said someone.\n\n"Bye."\n'), ("segment", "quotes"))
    page = doc(render_reader(work))
    quotes = page.cssselect(".story span.q")
    assert len(quotes) == 2
    assert all("sp" not in q.get("class").split() and q.get("title") is None for q in quotes)


def test_speakers_without_a_characters_layer_still_get_colours_and_a_cast_entry() -> None:
    work = analyze_work(parse_text('"Hello," said Ann.\n'), ("segment", "quotes"))
    work = replace(
        work, quotes=tuple(replace(q, speaker="ann", confidence=0.5) for q in work.quotes)
    )
    page = doc(render_reader(work))
    assert page.cssselect(".story span.q.sp-1")
    assert "ann" in page.get_element_by_id("cast").text_content()


# -- untrusted text ------------------------------------------------------------------------------

PAYLOAD = (
    '<script>alert("x")</script><img src=x onerror=alert(1)><a href="javascript:alert(2)">click</a>'
)


def hostile_work() -> Work:
    text = (
        f'Title: {PAYLOAD}\n\nChapter 1: {PAYLOAD}\n\n"{PAYLOAD}," said Eve.\n\n'
        f"Plain {PAYLOAD} text.\n"
    )
    work = analyze_work(parse_text(text), ("segment", "quotes"))
    span = Evidence(work.text.index("Plain"), work.text.index(" text."), f"note {PAYLOAD}")
    return replace(
        work,
        metadata=replace(
            work.metadata,
            title=PAYLOAD,
            authors=(PAYLOAD,),
            fandoms=(PAYLOAD,),
            summary=PAYLOAD,
            source_url="javascript:alert(3)",
            extra={PAYLOAD: PAYLOAD},
        ),
        quotes=tuple(replace(q, speaker="eve", confidence=0.9) for q in work.quotes),
        characters=(Character("eve", PAYLOAD, (PAYLOAD,), PAYLOAD, 3, 1),),
        relationships=(Relationship("eve", "eve2", PAYLOAD, True, (PAYLOAD,), 0.9, (span,)),),
        tags=(TagSuggestion(PAYLOAD, TagType.FREEFORM, 0.8, (span,), TagStatus.CONFLICT, PAYLOAD),),
        proofreading=(ProofFlag(span.start, span.start + 5, PAYLOAD, PAYLOAD, PAYLOAD, 0.5),),
    )


def test_html_and_script_in_a_story_render_as_text() -> None:
    html = render_reader(hostile_work())
    page = doc(html)
    scripts = page.cssselect("script")
    assert [s.text for s in scripts] == [static_text("reader.js")]  # only ficscope's own
    assert not page.cssselect("img")
    for el in page.iter():
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (el.tag, name)
            assert not value.strip().lower().startswith("javascript:"), (el.tag, name, value)
    links = [a.get("href") for a in page.cssselect("a")]
    assert all(h.startswith("#") for h in links)  # javascript: source URL shown as text, not linked
    assert PAYLOAD in page.get_element_by_id("story").text_content()
    assert PAYLOAD in page.cssselect("h1")[0].text_content()
    assert "javascript:alert(3)" in page.text_content()


# -- self-contained ------------------------------------------------------------------------------


def test_the_file_loads_nothing_from_anywhere(sample_html: str) -> None:
    page = doc(sample_html)
    assert not page.cssselect("link[rel=stylesheet], script[src], img, iframe, object, embed")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", sample_html)
    assert "url(" not in static_text("reader.css")
    csp = page.cssselect('meta[http-equiv="Content-Security-Policy"]')[0].get("content")
    assert "default-src 'none'" in csp
    assert csp_hash(page.cssselect("style")[0].text) in csp
    assert csp_hash(page.cssselect("script")[0].text) in csp


# -- real inputs and the command -----------------------------------------------------------------


def test_a_seed_renders_all_its_text(seed_000: Path) -> None:
    work = analyze_path(seed_000)
    story = words(doc(render_reader(work)).get_element_by_id("story").text_content())
    for block in work.blocks:
        if block.role is not BlockRole.SCENE_BREAK:
            assert words(work.span_text(block)) in story


def test_the_ao3_sample_renders_with_its_title() -> None:
    if not AO3_SAMPLE.exists():
        pytest.skip("../shared not available")
    work = analyze_path(AO3_SAMPLE)
    page = doc(render_reader(work))
    assert page.cssselect("h1")[0].text_content() == (work.metadata.title or "23009290")


def test_render_command_writes_one_file(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text('Chapter 1\n\n"Hi," she said.\n', encoding="utf-8")
    out = tmp_path / "story.html"
    result = CliRunner().invoke(main, ["render", str(story), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "she said." in out.read_text(encoding="utf-8")
    sample_out = tmp_path / "sample.html"
    result = CliRunner().invoke(main, ["render", "--sample", "-o", str(sample_out)])
    assert result.exit_code == 0 and "Ferryman" in sample_out.read_text(encoding="utf-8")


def test_render_command_reports_a_missing_file_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "no such file" in result.output


def test_metadata_rows_skip_empty_fields() -> None:
    model = reader_model(Work(text="x", metadata=Metadata(rating="Mature", empty=("summary",))))
    assert [(r["label"], r["tags"]) for r in model["meta"]] == [
        ("Rating", ["Mature"]),
        ("Left blank", ["summary"]),
    ]


def test_the_cast_panel_reads_descriptions_mid_sentence_and_lists_forms_once() -> None:
    kakashi = Character(
        id="hatake-kakashi",
        name="Hatake Kakashi",
        aliases=("Kakashi", "The copy-nin", "the copy-nin", "Hatake Kakashi"),
        mention_count=4,
    )
    boss = Character(id="unnamed-his-superior", name="His superior", mention_count=2)
    model = reader_model(Work(text="x", characters=(kakashi, boss)))
    members = {m["id"]: m for m in model["cast"]["members"]}
    assert members["hatake-kakashi"]["aliases"] == ["Kakashi", "the copy-nin"]
    assert members["unnamed-his-superior"]["name"] == "his superior"
    assert members["hatake-kakashi"]["name"] == "Hatake Kakashi"


def test_descriptions_met_in_passing_wait_in_the_fold_after_the_named() -> None:
    sakura = Character(id="haruno-sakura", name="Haruno Sakura", mention_count=3, quote_count=2)
    friend = Character(id="unnamed-his-best-friend", name="His best friend", mention_count=5)
    ino = Character(id="yamanaka-ino", name="Yamanaka Ino", mention_count=1)
    cast = reader_model(Work(text="x", characters=(friend, ino, sakura)))["cast"]
    assert [m["id"] for m in cast["members"]] == [
        "haruno-sakura",
        "yamanaka-ino",
        "unnamed-his-best-friend",
    ]
    assert cast["shown"] == 2
    html = render_reader(Work(text="x", characters=(friend, ino, sakura)))
    assert '<details class="more"><summary>1 more</summary>' in html


def test_a_cast_of_descriptions_only_is_listed_not_folded() -> None:
    people = tuple(
        Character(id=f"unnamed-the-{w}", name=f"The {w}", mention_count=1) for w in ("man", "cat")
    )
    assert reader_model(Work(text="x", characters=people))["cast"]["shown"] == 2

"""AO3's EPUB download: the real sample against its HTML twin, EPUBs built here from the HTML
fixtures the way Calibre (today) and AO3's own code (before Calibre) split them, and broken or
hostile packages."""

from __future__ import annotations

import copy
import itertools
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import lxml.html
import pytest

from ficscope.errors import CorruptInputError
from ficscope.model import Work
from ficscope.readers import find_reader, read_work
from ficscope.readers.ao3_epub import Ao3EpubReader
from ficscope.readers.ao3_html import Ao3HtmlReader

ROOT = Path(__file__).resolve().parents[2]
AO3_SAMPLES = ROOT.parent / "shared" / "samples" / "ao3"
AO3 = ROOT / "tests" / "fixtures" / "ao3"

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="{opf}" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""
XHTML = """<?xml version='1.0' encoding='utf-8'?>
<html xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en">
  <head><title>{title}</title></head>
  <body class="calibre">
{body}
  </body>
</html>"""


def sample(name: str) -> Path:
    path = AO3_SAMPLES / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


def write_epub(
    path: Path,
    documents: Sequence[tuple[str, str]],
    *,
    publisher: str = "Archive of Our Own",
    extra_metadata: str = "",
    folder: str = "",
) -> Path:
    """An EPUB holding ``documents`` ((name, body HTML) in spine order) and an OPF naming
    ``publisher``."""
    items = "\n".join(
        f'<item id="d{i}" href="{name}" media-type="application/xhtml+xml"/>'
        for i, (name, _) in enumerate(documents)
    )
    spine = "\n".join(f'<itemref idref="d{i}"/>' for i in range(len(documents)))
    opf = f"""<?xml version='1.0' encoding='utf-8'?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:title>Built in a test</dc:title>
    <dc:identifier id="id">urn:uuid:0000</dc:identifier>
    <dc:publisher>{publisher}</dc:publisher>
    {extra_metadata}
  </metadata>
  <manifest>{items}</manifest>
  <spine>{spine}</spine>
</package>"""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        zf.writestr("META-INF/container.xml", CONTAINER.format(opf=f"{folder}content.opf"))
        zf.writestr(f"{folder}content.opf", opf, compress_type=zipfile.ZIP_DEFLATED)
        for name, body in documents:
            zf.writestr(
                folder + name,
                XHTML.format(title="t", body=body),
                compress_type=zipfile.ZIP_DEFLATED,
            )
    return path


def html(*elements: lxml.html.HtmlElement) -> str:
    return "\n".join(lxml.html.tostring(e, encoding="unicode") for e in elements)


def wrap(tag: str, attributes: str, inner: Iterable[lxml.html.HtmlElement] | str) -> str:
    body = inner if isinstance(inner, str) else html(*inner)
    return f"<{tag} {attributes}>\n{body}\n</{tag}>"


def has_class(element: lxml.html.HtmlElement, name: str) -> bool:
    return name in (element.get("class") or "").split()


def rename_classes(root: lxml.html.HtmlElement) -> None:
    """Calibre's renaming, at its most thorough: every class becomes "calibreN"."""
    names: dict[str, str] = {}
    counter = itertools.count(1)
    for element in root.iter():
        if isinstance(element.tag, str) and element.get("class"):
            key = element.get("class", "")
            names.setdefault(key, f"calibre{next(counter)}")
            element.set("class", names[key])


def calibre_split(download: Path) -> list[tuple[str, str]]:
    """The documents Calibre makes of an AO3 HTML download: the preface over two files (the tag
    list, then title to notes), each chapter in a file of its own with #chapters repeated around
    it and the emptied wrapper of the split left behind, then the afterword."""
    root = lxml.html.fromstring(download.read_bytes())
    chapters = root.get_element_by_id("chapters")
    groups: list[list[lxml.html.HtmlElement]] = []
    for child in chapters:
        if not isinstance(child.tag, str):
            continue
        if has_class(child, "meta") and has_class(child, "group") or not groups:
            groups.append([])
        groups[-1].append(child)
    rename_classes(root)
    preface, afterword = root.get_element_by_id("preface"), root.get_element_by_id("afterword")
    meta = preface.find("div")
    assert meta is not None
    tag_list, rest = meta[0], list(meta)[1:]
    shell = copy.deepcopy(meta)
    shell[:] = []
    first = wrap(
        "div", 'id="preface"', [*list(preface)[:2], _with(copy.deepcopy(shell), [tag_list])]
    )
    second = wrap("div", 'id="preface"', [_with(shell, rest)])
    second += '\n<div id="chapters"><div id="calibre_pb_1"></div></div>'
    documents = [("Work_split_000.xhtml", first), ("Work_split_001.xhtml", second)]
    for n, group in enumerate(groups, start=2):
        leftover = "" if n == len(groups) + 1 else "<div class='calibre99'></div>"
        body = wrap("div", 'id="chapters" class="calibre50"', html(*group) + leftover)
        documents.append((f"Work_split_{n:03}.xhtml", body))
    documents.append(
        (f"Work_split_{len(groups) + 2:03}.xhtml", wrap("div", 'id="afterword"', list(afterword)))
    )
    return documents


def _with(
    shell: lxml.html.HtmlElement, children: Sequence[lxml.html.HtmlElement]
) -> lxml.html.HtmlElement:
    for child in children:
        shell.append(copy.deepcopy(child))
    return shell


def ao3_own_split(download: Path) -> list[tuple[str, str]]:
    """The documents AO3's own EPUB code made before it used Calibre: preface.xhtml, one
    chapterN_M.xhtml per part of a chapter (no #chapters around it, the second part of a long
    chapter without the chapter's preface), and afterword.xhtml."""
    root = lxml.html.fromstring(download.read_bytes())
    body = root.find("body")
    assert body is not None
    top = [e for e in body if isinstance(e.tag, str)]
    chapters = root.get_element_by_id("chapters")
    before, after = top[: top.index(chapters)], top[top.index(chapters) + 1 :]
    groups: list[list[lxml.html.HtmlElement]] = []
    for child in chapters:
        if isinstance(child.tag, str):
            if child.find("h2") is not None or not groups:
                groups.append([])
            groups[-1].append(child)
    documents = [("preface.xhtml", html(*before))]
    for n, group in enumerate(groups, start=1):
        text = next(e for e in group if has_class(e, "userstuff"))
        paragraphs = list(text)
        if n == len(groups) and len(paragraphs) > 2:  # a long last chapter, split in two parts
            second = copy.deepcopy(text)
            text[:] = paragraphs[:2]
            second[:] = [copy.deepcopy(p) for p in paragraphs[2:]]
            documents.append((f"chapter{n}_1.xhtml", html(*group)))
            documents.append((f"chapter{n}_2.xhtml", html(second)))
        else:
            documents.append((f"chapter{n}_1.xhtml", html(*group)))
    documents.append(("afterword.xhtml", html(*after)))
    return documents


def assert_same_work(epub: Work, download: Work) -> None:
    assert epub.metadata == download.metadata
    assert epub.text.split() == download.text.split()
    assert [b.role for b in epub.blocks] == [b.role for b in download.blocks]
    strip = [(c.title, c.number, c.summary) for c in download.chapters]
    assert [(c.title, c.number, c.summary) for c in epub.chapters] == strip


# -- the real sample ---------------------------------------------------------------------------


def test_sample_epub_equals_html() -> None:
    epub, download = sample("23009290.epub"), sample("23009290.html")
    assert find_reader(epub).name == "ao3_epub"
    from_epub, from_html = read_work(epub), read_work(download)
    assert_same_work(from_epub, from_html)
    assert from_epub.source.format == "ao3_epub"
    (chapter,) = from_epub.chapters
    assert chapter.source == "23009290.epub:My_Aim_Is_Steady_And_split_002.xhtml"
    md = from_epub.metadata
    assert (md.title, md.fandoms, md.rating, md.words) == (
        "My Aim Is Steady And True",
        ("Final Fantasy XIV",),
        "Teen And Up Audiences",
        4559,
    )


# -- EPUBs built from the HTML fixtures ---------------------------------------------------------


def test_calibre_split_of_a_three_chapter_work(tmp_path: Path) -> None:
    download = AO3 / "wip_three_chapters.html"
    documents = calibre_split(download)
    path = write_epub(tmp_path / "wip.epub", documents)
    assert Ao3EpubReader().can_read(path, path.read_bytes()[:65536])
    work = Ao3EpubReader().read(path)
    assert_same_work(work, Ao3HtmlReader().read(download))
    assert [c.source for c in work.chapters] == [
        f"wip.epub:Work_split_{n:03}.xhtml" for n in (2, 3, 4)
    ]
    assert work.metadata.chapters == "3/?" and work.metadata.authors == ("quillfeather",)


def test_calibre_split_of_a_one_shot(tmp_path: Path) -> None:
    download = AO3 / "plural_labels.html"
    root = lxml.html.fromstring(download.read_bytes())
    rename_classes(root)
    parts = [root.get_element_by_id(i) for i in ("preface", "chapters", "afterword")]
    documents = [(f"part{i}.xhtml", html(part)) for i, part in enumerate(parts)]
    work = Ao3EpubReader().read(write_epub(tmp_path / "oneshot.epub", documents))
    assert_same_work(work, Ao3HtmlReader().read(download))
    assert work.chapters[0].source == "oneshot.epub:part1.xhtml"


def test_ao3s_own_epub_from_before_calibre(tmp_path: Path) -> None:
    download = AO3 / "old_layout.html"
    documents = ao3_own_split(download)
    assert [name for name, _ in documents] == [
        "preface.xhtml",
        "chapter1_1.xhtml",
        "chapter2_1.xhtml",
        "chapter2_2.xhtml",
        "afterword.xhtml",
    ]
    path = write_epub(tmp_path / "old.epub", documents, folder="OEBPS/")
    work = read_work(path)
    assert work.source.format == "ao3_epub"
    assert_same_work(work, Ao3HtmlReader().read(download))
    assert [c.source for c in work.chapters] == [
        "old.epub:OEBPS/chapter1_1.xhtml",
        "old.epub:OEBPS/chapter2_1.xhtml",
    ]


def test_package_fills_in_what_the_preface_lacks(tmp_path: Path) -> None:
    body = "<div id='chapters'><div class='userstuff'><p>Only the story here.</p></div></div>"
    metadata = (
        "<dc:creator>first author</dc:creator><dc:creator>second</dc:creator>"
        "<dc:description>&lt;p&gt;A summary.&lt;/p&gt;"
        "&lt;p&gt;Two paragraphs.&lt;/p&gt;</dc:description>"
    )
    work = read_work(
        write_epub(tmp_path / "bare.epub", [("a.xhtml", body)], extra_metadata=metadata)
    )
    md = work.metadata
    assert md.title == "Built in a test"
    assert md.authors == ("first author", "second")
    assert md.summary == "A summary.\n\nTwo paragraphs."
    assert work.text == "Built in a test\n\nOnly the story here."


# -- not ours, broken, hostile -----------------------------------------------------------------


def test_other_publishers_are_not_claimed(tmp_path: Path) -> None:
    # FanFicFare names the site's domain as the publisher.
    body = "<div id='chapters'><div class='userstuff'><p>Text.</p></div></div>"
    path = write_epub(tmp_path / "fff.epub", [("a.xhtml", body)], publisher="archiveofourown.org")
    assert not Ao3EpubReader().can_read(path, path.read_bytes()[:65536])


def test_broken_zip(tmp_path: Path) -> None:
    path = tmp_path / "broken.epub"
    path.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 100)
    assert not Ao3EpubReader().can_read(path, path.read_bytes())
    with pytest.raises(CorruptInputError) as info:
        Ao3EpubReader().read(path)
    assert info.value.path == str(path)


def test_truncated_epub(tmp_path: Path) -> None:
    data = sample("23009290.epub").read_bytes()
    path = tmp_path / "truncated.epub"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptInputError):
        Ao3EpubReader().read(path)


def test_spine_document_missing(tmp_path: Path) -> None:
    path = write_epub(tmp_path / "missing.epub", [("a.xhtml", "<p>x</p>")])
    with zipfile.ZipFile(path) as zf:
        kept = {n: zf.read(n) for n in zf.namelist() if n != "a.xhtml"}
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in kept.items():
            zf.writestr(name, data)
    with pytest.raises(CorruptInputError) as info:
        Ao3EpubReader().read(path)
    assert "a.xhtml" in str(info.value)


def test_entity_bomb_in_the_package(tmp_path: Path) -> None:
    bomb = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
    path = write_epub(tmp_path / "bomb.epub", [("a.xhtml", "<p>x</p>")])
    with zipfile.ZipFile(path) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    files["content.opf"] = (
        files["content.opf"]
        .replace(b"<package", bomb.encode() + b"<package", 1)
        .replace(b"Built in a test", b"&lol2;")
    )
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    assert not Ao3EpubReader().can_read(path, path.read_bytes())
    with pytest.raises(CorruptInputError, match="entit"):
        Ao3EpubReader().read(path)


def test_zip_bomb_member(tmp_path: Path) -> None:
    path = write_epub(tmp_path / "zipbomb.epub", [("a.xhtml", "<p>" + "a" * 20_000_000 + "</p>")])
    with pytest.raises(CorruptInputError, match="bomb"):
        Ao3EpubReader().read(path)


def test_ao3_epub_without_work_text(tmp_path: Path) -> None:
    path = write_epub(tmp_path / "empty.epub", [("a.xhtml", "<div id='preface'><h1>T</h1></div>")])
    with pytest.raises(CorruptInputError, match="no #chapters"):
        read_work(path)

"""A chapter page of FanFiction.net (or its sister site FictionPress) saved from a browser.

The story header ``#profile_top`` gives the title (``b.xcontrast_txt``), the author (the ``/u/``
link), the summary (``div.xcontrast_txt``) and the stats line (``span.xgray``: "Rated: Fiction T -
English - Romance/Drama - Chapters: 5 - Words: 12,345 - ..."); the breadcrumb
``#pre_story_links`` gives the fandom; ``select#chap_select`` names the chapter shown ("9. Title");
``div#storytext`` holds the chapter's text. One page is one chapter.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import lxml.html

from ficscope.errors import CorruptInputError
from ficscope.model import Work
from ficscope.readers.base import WorkBuilder, read_bytes
from ficscope.readers.fields import FieldCollector, parse_ffnet_stats
from ficscope.readers.html import chapter_number_title, parse_markup
from ficscope.readers.htmltext import inline_text, iter_blocks

_SITES = {"fanfiction.net": "ffnet", "fictionpress.com": "fictionpress"}


def _has_class(cls: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')"


def _first(element: lxml.html.HtmlElement, xpath: str) -> lxml.html.HtmlElement | None:
    found = element.xpath(xpath)
    return found[0] if found else None


def _text(element: lxml.html.HtmlElement | None) -> str:
    return " ".join(inline_text(element).split()) if element is not None else ""


def _absolute(url: str, host: str) -> str:
    if url.startswith("//"):
        return "https:" + url
    if url.startswith("/"):
        return f"https://www.{host}{url}"
    return url


class FFnetReader:
    """A saved FanFiction.net / FictionPress chapter page."""

    name = "ffnet"

    def can_read(self, path: Path, head: bytes) -> bool:
        low = head.lower()
        return any(site.encode() in low for site in _SITES) and b"profile_top" in low

    def read(self, path: Path) -> Work:
        root = parse_markup(read_bytes(path), path)
        profile = _first(root, "//*[@id='profile_top']")
        if profile is None:
            raise CorruptInputError(
                path, "FanFiction.net page without its story header (#profile_top)"
            )
        story = _first(root, "//*[@id='storytext']")
        if story is None:
            raise CorruptInputError(path, "FanFiction.net page without story text (#storytext)")

        canonical = _first(root, "//link[@rel='canonical']")
        url = canonical.get("href", "") if canonical is not None else ""
        host = next((site for site in _SITES if site in url.lower()), "fanfiction.net")
        collector = FieldCollector()
        self._profile(profile, collector, host)
        self._fandoms(root, collector)
        if url:
            collector.set("source_url", _absolute(url, host))

        builder = WorkBuilder()
        selected = _first(root, "//select[@id='chap_select']//option[@selected]")
        heading = _text(selected) or None
        number, title = chapter_number_title(heading)
        builder.start_chapter(
            heading=heading,
            title=title,
            number=number,
            source=_absolute(url, host) if url else f"{path.name}#storytext",
        )
        for text, role in iter_blocks(story):
            builder.add(text, role)
        return builder.build(
            path=path, fmt=self.name, metadata=collector.build(source_site=_SITES[host])
        )

    def _profile(
        self, profile: lxml.html.HtmlElement, collector: FieldCollector, host: str
    ) -> None:
        title = _text(_first(profile, f".//b[{_has_class('xcontrast_txt')}]"))
        if title:
            collector.set("title", title)
        author = _first(profile, ".//a[starts-with(@href, '/u/')]")
        if author is not None and _text(author):
            collector.set("authors", _text(author), (_text(author),))
            collector.extra["Author URL"] = _absolute(author.get("href", ""), host)
        for div in profile.xpath(f".//div[{_has_class('xcontrast_txt')}]"):
            if _text(div):
                collector.set("summary", _text(div))
                break
        stats = _first(profile, f".//span[{_has_class('xgray')}]")
        if stats is None:
            return
        # The dates are shown relative ("9/4", "8m ago"); the timestamps say exactly when.
        times = [span.get("data-xutime", "") for span in stats.xpath(".//span[@data-xutime]")]
        days = [_day(t) for t in times if t.isdigit()]
        if days:
            collector.set("published", days[-1])
        if len(days) > 1:
            collector.set("updated", days[0])
        if parse_ffnet_stats(_text(stats), collector) and not collector.has("status"):
            collector.set("status", "In-Progress")  # the stats line names only "Complete"

    def _fandoms(self, root: lxml.html.HtmlElement, collector: FieldCollector) -> None:
        links = root.xpath(f"//*[@id='pre_story_links']//a[{_has_class('xcontrast_txt')}]")
        names = [_text(a) for a in links if _text(a)]
        if len(names) >= 2:
            collector.set("fandoms", names[-1], (names[-1],))  # "Books > Harry Potter"
        elif names and "crossover" in names[0].lower():
            fandoms = tuple(
                f.strip()
                for f in names[0].removesuffix("Crossover").strip().split(" + ")
                if f.strip()
            )
            collector.set("fandoms", ", ".join(fandoms), fandoms)


def _day(timestamp: str) -> str:
    return datetime.fromtimestamp(int(timestamp), tz=UTC).date().isoformat()

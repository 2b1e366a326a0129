"""The readable plain-text summary printed by ``ficscope analyze``."""

from __future__ import annotations

from ficscope.model import BlockRole, Evidence, Work
from ficscope.render.cast_forms import display_name, form_counts, shown_aliases


def summary_text(work: Work) -> str:
    md = work.metadata
    lines: list[str] = []
    title = md.title or "(untitled)"
    by = f" by {', '.join(md.authors)}" if md.authors else ""
    lines.append(f"{title}{by}")
    lines.append(f"  {'source:':<15}{work.source.path} ({work.source.format})")
    if md.fandoms:
        lines.append(f"  {'fandoms:':<15}{', '.join(md.fandoms)}")
    for label, value in (
        ("rating", md.rating),
        ("warnings", ", ".join(md.warnings)),
        ("categories", ", ".join(md.categories)),
        ("relationships", ", ".join(md.relationships)),
        ("characters", ", ".join(md.characters)),
        ("genres", ", ".join(md.genres)),
        ("tags", ", ".join(md.additional_tags)),
        ("summary", md.summary),
    ):
        if value:
            lines.append(f"  {label + ':':<15}{_clip(value)}")
    lines.append(
        f"  {'words:':<15}{work.word_count:,} (story text; notes and disclaimers not counted)"
    )
    lines.append(f"  {'chapters:':<15}{len(work.chapters)}")
    for chapter in work.chapters[:50]:
        name = chapter.title or (
            f"Chapter {chapter.number}" if chapter.number is not None else "untitled"
        )
        if chapter.number is not None and chapter.title:
            name = f"Chapter {chapter.number}: {chapter.title}"
        lines.append(
            f"    {chapter.index + 1:>3}. {_clip(name, 50):<50} {chapter.word_count:>8,} words"
        )
    if len(work.chapters) > 50:
        lines.append(f"    ... and {len(work.chapters) - 50} more")
    lines.append(f"  {'scenes:':<15}{len(work.scenes)}")
    lines.append(f"  {'paragraphs:':<15}{len(work.paragraphs)}")
    unclosed = sum(1 for q in work.quotes if not q.closed and q.depth == 0)
    nested = sum(1 for q in work.quotes if q.depth > 0)
    lines.append(
        f"  {'quotations:':<15}{len(work.quotes)} ({nested} nested, {unclosed} never closed)"
    )
    notes = len(work.blocks_of(BlockRole.AUTHOR_NOTE))
    disclaimers = len(work.blocks_of(BlockRole.DISCLAIMER))
    if notes or disclaimers:
        lines.append(f"  {'notes:':<15}{notes} author's note(s), {disclaimers} disclaimer(s)")
    for block in work.blocks_of(BlockRole.DISCLAIMER)[:3]:
        lines.append(f"    disclaimer: {_clip(work.span_text(block), 70)}")
    lines.extend(_cast_lines(work))
    if md.empty:
        lines.append(f"  {'empty:':<15}{', '.join(md.empty)} (declared but left blank)")
    missing = [m for m in md.missing if m not in md.empty]
    if missing:
        lines.append(f"  {'missing:':<15}{', '.join(missing)}")
    lines.extend(_tag_lines(work))
    lines.extend(_proof_lines(work))
    return "\n".join(lines) + "\n"


def _cast_lines(work: Work, limit: int = 15) -> list[str]:
    """The cast by lines spoken, then mentions: name, pronouns, lines, aliases. Characters who
    never speak and are mentioned once are only named, on one line at the end."""
    if not work.characters:
        return []
    quotes = [q for q in work.quotes if q.depth == 0]
    attributed = sum(1 for q in quotes if q.speaker)
    cast = sorted(work.characters, key=lambda c: (-c.quote_count, -c.mention_count, c.name))
    lines = [
        f"  {'cast:':<15}{len(cast)} characters; "
        f"{attributed} of {len(quotes)} quotations attributed"
    ]
    shown = [c for c in cast if c.quote_count or c.mention_count > 1][:limit]
    used = form_counts(work)
    for c in shown:
        pronouns = f" ({c.pronouns})" if c.pronouns else ""
        others = shown_aliases(c, used)
        aka = f"  aka {_fitting(others[:6], 64)}" if others else ""
        lines.append(
            f"    {_clip(display_name(c) + pronouns, 34):<34} {c.quote_count:>4} "
            f"{'line ' if c.quote_count == 1 else 'lines'} {c.mention_count:>5} "
            f"{'mention' if c.mention_count == 1 else 'mentions'}"
            f"{aka}"
        )
    rest = [display_name(c) for c in cast if c not in shown]
    if rest:
        lines.append(f"    ... and {len(rest)} more: {_fitting(rest, 80)}")
    return lines


def _fitting(forms: list[str], width: int) -> str:
    """The whole forms that fit in ``width`` characters, in order, and "…" for the rest: a
    name cut in the middle ("the frantically seal…") reads as a name it is not."""
    kept: list[str] = []
    for form in (" ".join(f.split()) for f in forms):
        if len(", ".join([*kept, form, "…"])) <= width:
            kept.append(form)
    if len(kept) < len(forms):
        kept.append("…")
    return ", ".join(kept) if kept[0] != "…" else _clip(forms[0], width)


def _clip(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _tag_lines(work: Work) -> list[str]:
    """Suggested archive tags, each with its status and one line of evidence."""
    if not work.tags:
        return []
    lines = [f"  {'suggested:':<15}{len(work.tags)} tags (declared tags are kept as they are)"]
    for t in work.tags:
        status = t.status.value + (f": declared {t.declared}" if t.declared else "")
        head = f"    {t.type.value:<13} {_clip(t.tag, 44)} ({t.confidence:.2f}, {status})"
        if t.evidence:
            head += f"  \u2014 {_evidence_line(work, t.evidence[0])}"
        lines.append(head)
    return lines


def _evidence_line(work: Work, evidence: Evidence, width: int = 60) -> str:
    """The evidence's text, clipped around the cue its note quotes ("strong language: 'fuck'")."""
    text = " ".join(work.text[evidence.start : evidence.end].split())
    note = evidence.note or ""
    cue = note.split("'")[1] if note.count("'") >= 2 else ""
    at = text.lower().find(cue.lower()) if cue else -1
    if at > width // 2 and len(text) > width:
        text = "\u2026" + text[at - width // 3 :]
    label = f"{_clip(note.split(':')[0], 28)}: " if note and cue else ""
    return f"{label}\u201c{_clip(text, width)}\u201d"


def _proof_lines(work: Work) -> list[str]:
    """How many likely errors the proofreader flagged, by kind."""
    if "proofreading" not in work.layers:
        return []
    kinds: dict[str, int] = {}
    for flag in work.proofreading:
        kinds[flag.kind] = kinds.get(flag.kind, 0) + 1
    detail = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))
    count = len(work.proofreading)
    line = f"  {'proofreading:':<15}{count} flag{'s' if count != 1 else ''}"
    return [line + (f" ({detail})" if detail else "")]

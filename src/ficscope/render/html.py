"""The annotated HTML reader: a view-model (:mod:`ficscope.render.viewmodel`) fed to autoescaped
Jinja2 templates. No HTML is built by string concatenation anywhere; story text is data and is
escaped on output, so a story containing ``<script>`` shows those characters.

Two ways to ship the page's CSS and JS:

* ``render_reader(work)`` inlines them, for one self-contained file that needs no network. A
  Content-Security-Policy ``<meta>`` allows exactly those inline blocks (by hash) and nothing else,
  so even a browser that met some unescaped markup would load nothing from anywhere.
* The library server renders the same templates with the assets linked from ``/static/`` and its own
  CSP header (see :mod:`ficscope.library.web`).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ficscope.model import Work
from ficscope.render.viewmodel import reader_model

# The bundled assets, by the name they are served under. Nothing else is ever served or inlined.
STATIC_FILES: dict[str, str] = {
    "reader.css": "text/css; charset=utf-8",
    "reader.js": "text/javascript; charset=utf-8",
    "library.css": "text/css; charset=utf-8",
    "library.js": "text/javascript; charset=utf-8",
}


@cache
def static_text(name: str) -> str:
    """The text of a bundled asset (only names in :data:`STATIC_FILES`)."""
    if name not in STATIC_FILES:
        raise KeyError(name)
    text = (resources.files("ficscope.render") / "static" / name).read_text(encoding="utf-8")
    closing = "</style" if name.endswith(".css") else "</script"
    if closing in text.lower():  # would end the inline block early
        raise ValueError(f"bundled asset {name} contains {closing}")
    return text


@cache
def environment() -> jinja2.Environment:
    """The one Jinja2 environment: autoescaping on for every template, undefined names fail."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ficscope.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["thousands"] = lambda n: f"{int(n):,}"
    env.filters["plural"] = lambda n, word, many=None: word if n == 1 else (many or word + "s")
    return env


def csp_hash(text: str) -> str:
    """The CSP source expression allowing an inline block with exactly this text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass(frozen=True, slots=True)
class Assets:
    """How the page gets its CSS and JS: inline text (self-contained) or linked URLs."""

    inline: bool
    css: tuple[str, ...]  # inline: the CSS texts; linked: URLs
    js: tuple[str, ...]
    csp: str | None = None  # the <meta> policy for inline pages

    @classmethod
    def inlined(
        cls, css: tuple[str, ...] = ("reader.css",), js: tuple[str, ...] = ("reader.js",)
    ) -> Assets:
        css_text = tuple(static_text(n) for n in css)
        js_text = tuple(static_text(n) for n in js)
        policy = "; ".join(
            (
                "default-src 'none'",
                "style-src " + " ".join(csp_hash(t) for t in css_text),
                "script-src " + " ".join(csp_hash(t) for t in js_text),
                "img-src data:",
                "base-uri 'none'",
                "form-action 'none'",
            )
        )
        return cls(True, css_text, js_text, policy)

    @classmethod
    def linked(cls, prefix: str, css: tuple[str, ...], js: tuple[str, ...]) -> Assets:
        return cls(False, tuple(prefix + n for n in css), tuple(prefix + n for n in js))

    def context(self) -> dict[str, Any]:
        if self.inline:
            # Our own bundled files, checked in static_text(): trusted, and must not be escaped
            # (entities are not decoded inside <style> and <script>).
            return {
                "inline": True,
                "css": [Markup(t) for t in self.css],
                "js": [Markup(t) for t in self.js],
                "csp": self.csp,
            }
        return {"inline": False, "css": list(self.css), "js": list(self.js), "csp": None}


def render_template(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)


def render_reader(
    work: Work,
    *,
    assets: Assets | None = None,
    character_urls: Mapping[str, str] | None = None,
    site: Mapping[str, Any] | None = None,
    template: str = "reader.html",
) -> str:
    """The annotated reader for ``work`` as one HTML document (self-contained by default)."""
    model = reader_model(work, character_urls=character_urls)
    return render_template(
        template,
        work=model,
        assets=(assets or Assets.inlined()).context(),
        site=site,
    )


def write_reader(work: Work, output: str | Path) -> Path:
    """Write the self-contained reader for ``work`` to ``output`` (OSError if it cannot)."""
    path = Path(output)
    path.write_text(render_reader(work), encoding="utf-8")
    return path

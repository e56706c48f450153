"""`scaffold compare --format html` in a real headless Chromium at 1280x720, a projector's size.

A script added to a copy of the page (the page itself runs none) measures in the
browser that no element spills past the window and that no box cuts what it holds,
that the code is highlighted, and collects each concept card's text. The screenshots
are kept as artifacts: in ``$SCAFFOLD_TEST_ARTIFACTS`` when it is set, else in the
test's temporary folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import urllib.parse
from pathlib import Path

import pytest

from scaffold.compare import render_html, view
from scaffold.compare.core import Comparison

from .compare_helpers import fake_measured
from .helpers import FRAMEWORKS

WIDTH, HEIGHT = 1280, 720
ARTIFACTS_ENV = "SCAFFOLD_TEST_ARTIFACTS"

# Runs when the page has been laid out; writes its findings, URL-encoded JSON, into the
# DOM that --dump-dom prints.
MEASURE = """
<script>
(() => {
  const width = document.documentElement.clientWidth;
  const spills = [], cut = [];
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : "");
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest("svg") && el.tagName.toLowerCase() !== "svg") continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.right > width + 0.5 || box.left < -0.5) spills.push(name(el) + " " + box.right);
    const style = getComputedStyle(el);
    const scrolls = ["auto", "scroll"].includes(style.overflowX) && el.classList.contains("scroll");
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && !scrolls) {
      cut.push(name(el) + " " + el.scrollWidth + ">" + el.clientWidth);
    }
  }
  // Two frameworks face each other: the cards of one concept start at the same height.
  const misaligned = [];
  for (const row of document.querySelectorAll("section.concept .side.pair")) {
    const tops = [...row.children].map((card) => Math.round(card.getBoundingClientRect().top));
    if (new Set(tops).size !== 1) misaligned.push(row.parentElement.id + " " + tops);
  }
  const keyword = document.querySelector(".hl .k");
  const cards = {};
  for (const card of document.querySelectorAll("figure[data-concept]")) {
    cards[card.dataset.concept + "/" + card.dataset.framework] = card.querySelector("pre")
      ? card.querySelector("pre").textContent : "";
  }
  const result = {
    width, innerWidth: window.innerWidth,
    pageWidth: document.documentElement.scrollWidth,
    spills, cut, cards, misaligned,
    tokens: document.querySelectorAll(".hl span[class]").length,
    keywordColour: keyword ? getComputedStyle(keyword).color : null,
    textColour: getComputedStyle(document.body).color,
    codeFontPx: parseFloat(getComputedStyle(document.querySelector("pre")).fontSize),
    bodyFontPx: parseFloat(getComputedStyle(document.body).fontSize),
  };
  const out = document.createElement("output");
  out.id = "measured";
  out.textContent = encodeURIComponent(JSON.stringify(result));
  document.body.appendChild(out);
})();
</script>
"""


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _browser(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess:
    command = [
        _chromium() or "chromium",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profile'}",
        *arguments,
    ]
    env = {**os.environ, "HOME": str(tmp_path)}
    return subprocess.run(
        command, capture_output=True, text=True, timeout=180, env=env, stdin=subprocess.DEVNULL
    )


def _artifacts(tmp_path: Path) -> Path:
    folder = Path(os.environ.get(ARTIFACTS_ENV) or tmp_path / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _screenshot(tmp_path: Path, page: Path, name: str) -> Path:
    screenshot = _artifacts(tmp_path) / name
    shot = _browser(
        tmp_path, f"--screenshot={screenshot}", f"--window-size={WIDTH},{HEIGHT}", page.as_uri()
    )
    assert screenshot.is_file(), shot.stderr[-2000:]
    header = screenshot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (WIDTH, HEIGHT)
    assert screenshot.stat().st_size > 20_000  # a rendered page, not a blank one
    return screenshot


def _measure(tmp_path: Path, html: str) -> tuple[str, dict]:
    """The page's DOM after layout in a 1280x720 window, and what the script measured."""
    probe = tmp_path / "measured.html"
    probe.write_text(html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    run = _browser(tmp_path, f"--window-size={WIDTH},{HEIGHT}", "--dump-dom", probe.as_uri())
    found = re.search(r'<output id="measured">([^<]*)</output>', run.stdout)
    assert found, run.stderr[-2000:]
    return run.stdout, json.loads(urllib.parse.unquote(found.group(1)))


def _assert_fits(measured: dict) -> None:
    assert measured["innerWidth"] == WIDTH
    assert measured["pageWidth"] <= measured["width"], "the page scrolls sideways"
    assert measured["spills"] == [], "elements spill past the window"
    assert measured["cut"] == [], "boxes cut what they hold, with no scrollbar meant for it"
    # Highlighted: many tokens, and keywords in a colour of their own.
    assert measured["tokens"] > 100
    assert measured["keywordColour"] not in (None, measured["textColour"])
    # Readable from the back of a room: code at 16 px or more, text at 18 px or more.
    assert measured["codeFontPx"] >= 16 and measured["bodyFontPx"] >= 18


def _normal(text: str) -> str:
    return " ".join(text.split())


pytestmark = pytest.mark.skipif(
    _chromium() is None, reason="chromium is not installed (apt-get install chromium)"
)


def test_html_renders_in_headless_chromium(comparison: Comparison, tmp_path: Path) -> None:
    """`compare --all --measure --format html`: every part fits 1280x720, all code is there."""
    measured_comparison = fake_measured(comparison)
    html = render_html.to_html(measured_comparison)
    page = tmp_path / "compare.html"
    page.write_text(html, encoding="utf-8")
    _screenshot(tmp_path, page, f"compare-all-{WIDTH}x{HEIGHT}.png")

    dom, measured = _measure(tmp_path, html)
    assert dom.count("<svg") == len(view.FIGURES)
    assert "side by side" in dom
    for key in FRAMEWORKS:
        assert f"{key}/" in dom
    _assert_fits(measured)
    # Every concept of every starter is on the page, whole; each full-stack one's model too.
    cards = measured["cards"]
    for entry in measured_comparison.entries:
        for code in entry.skeleton.concepts:
            shown = cards[f"{code.concept}/{entry.skeleton.key}"]
            assert _normal(shown) == _normal(code.code), (entry.skeleton.key, code.concept)
    full_stack = [key for key, fw in FRAMEWORKS.items() if fw.is_full_stack]
    assert full_stack
    for key in full_stack:
        assert cards.get(f"model/{key}", "").strip(), f"{key}'s model is not on the page"


def test_two_frameworks_fit_side_by_side_in_chromium(
    comparison: Comparison, tmp_path: Path
) -> None:
    """`compare flask bottle --format html`: one lesson, the two facing each other."""
    pair = Comparison(tuple(e for e in comparison.entries if e.skeleton.key in ("bottle", "flask")))
    html = render_html.to_html(pair)
    page = tmp_path / "lesson.html"
    page.write_text(html, encoding="utf-8")
    _screenshot(tmp_path, page, f"compare-bottle-flask-{WIDTH}x{HEIGHT}.png")
    _dom, measured = _measure(tmp_path, html)
    _assert_fits(measured)
    assert {name.split("/")[1] for name in measured["cards"]} == {"bottle", "flask"}
    assert measured["misaligned"] == []


def test_html_prints_as_a_handout(comparison: Comparison, tmp_path: Path) -> None:
    """The print stylesheet gives a PDF of several pages, without the navigation and charts."""
    html = render_html.to_html(comparison)
    assert "@media print" in html
    page = tmp_path / "handout.html"
    page.write_text(html, encoding="utf-8")
    pdf = _artifacts(tmp_path) / "compare-all-handout.pdf"
    run = _browser(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    assert pdf.is_file(), run.stderr[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) > 5

"""A week's session cards as a printable PDF (fpdf2): a card per session with an empty box per set
to write the load and reps in. A card takes half an A4 page when it fits there and a whole page
otherwise; a card never crosses a page (a card too long for a page is set in a smaller type).

The PDF uses the core Helvetica font, so nothing is embedded and every viewer shows it; text
outside Latin-1 is spelled with the nearest Latin-1 characters (dashes, quotes, accents).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.fonts import FontFace

PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 12.0
GAP = 8.0  # between the two half-page cards (the cut line runs in the middle)
USABLE = PAGE_H - 2 * MARGIN
HALF = (USABLE - GAP) / 2
PAD = 4.0
MIN_SCALE = 0.5
HALF_MIN_SCALE = 0.85  # a card set this small still takes half a page rather than a whole one
WRITE_H = 8.0  # a row's height at full size: room for a pencilled "62.5 x 5"


@dataclass(frozen=True, slots=True)
class CardRow:
    exercise: str
    prescription: str
    sets: int


@dataclass(frozen=True, slots=True)
class Card:
    heading: str
    why: str
    rows: tuple[CardRow, ...]


_NEAREST = str.maketrans(
    {
        "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"',
        "\u201d": '"', "\u2026": "...", "\u2264": "<=", "\u2265": ">=", "\u2192": "->", "\u2022": "-",
        "\u2009": " ", "\u202f": " ", "\u2248": "~", "\u0141": "L", "\u0142": "l", "\u0110": "D",
        "\u0111": "d", "\u0131": "i", "\u0152": "OE", "\u0153": "oe",
    }
)  # fmt: skip


def latin1(text: str) -> str:
    """The text as the core fonts can draw it: typographic punctuation and accents kept as near
    as Latin-1 allows, anything else a '?'."""
    out = []
    for ch in text.translate(_NEAREST):
        if ord(ch) < 256:
            out.append(ch)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if ord(c) < 256 and not unicodedata.combining(c))
        out.append(base or "?")
    return "".join(out)


def _new_pdf(page_h: float = PAGE_H) -> FPDF:
    pdf = FPDF(unit="mm", format=(PAGE_W, page_h))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10)
    return pdf


def _draw(pdf: FPDF, card: Card, units: str, scale: float) -> float:
    """Draw the card from the current y; returns its height (border included)."""
    top = pdf.y
    width = PAGE_W - 2 * MARGIN
    inner = width - 2 * PAD
    line = 4.6 * scale
    pdf.set_xy(MARGIN + PAD, top + PAD)
    pdf.set_font("Helvetica", "B", 12 * scale)
    pdf.multi_cell(inner, 5.5 * scale, latin1(card.heading), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9 * scale)
    if card.why:
        pdf.set_x(MARGIN + PAD)
        pdf.multi_cell(inner, 4.2 * scale, latin1(card.why), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5 * scale)
    n_sets = max((r.sets for r in card.rows), default=1)
    fixed = (0.30 * inner, 0.28 * inner)
    per_set = (inner - sum(fixed)) / n_sets
    pdf.set_x(MARGIN + PAD)
    pdf.set_font("Helvetica", "", 9 * scale)
    with pdf.table(
        width=inner,
        col_widths=(*fixed, *([per_set] * n_sets)),
        line_height=line,
        text_align="LEFT",
        headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
        align="LEFT",
        padding=0.8 * scale,
        min_row_height=WRITE_H * scale,
    ) as table:
        head = table.row()
        head.cell("exercise")
        head.cell("prescription")
        for i in range(n_sets):
            head.cell(f"set {i + 1}\n{units} x reps")
        for r in card.rows:
            row = table.row()
            row.cell(latin1(r.exercise))
            row.cell(latin1(r.prescription))
            for i in range(n_sets):
                # an empty box, WRITE_H tall, to write "62.5 x 5" in; a dash where no set is due
                row.cell("" if i < r.sets else "-", align="CENTER")
    pdf.set_x(MARGIN + PAD)
    pdf.ln(1.5 * scale)
    pdf.set_x(MARGIN + PAD)
    pdf.cell(inner, line * 1.6, "notes:", border="B", new_x="LMARGIN", new_y="NEXT")
    height = pdf.y - top + PAD
    pdf.rect(MARGIN, top, width, height)
    return height


@functools.lru_cache(maxsize=512)
def _height(card: Card, units: str, scale: float) -> float:
    scratch = _new_pdf(page_h=4 * PAGE_H)
    scratch.add_page()
    return _draw(scratch, card, units, scale)


def _fit(card: Card, units: str, room: float, smallest: float = MIN_SCALE) -> float | None:
    """The largest type scale (1.0 down to `smallest`) at which the card fits in `room`."""
    steps = list(range(100, round(smallest * 100) - 1, -5))  # the height falls with the scale:
    lo, hi = 0, len(steps)  # binary search for the first step that fits
    while lo < hi:
        mid = (lo + hi) // 2
        if _height(card, units, steps[mid] / 100) <= room:
            hi = mid
        else:
            lo = mid + 1
    return steps[lo] / 100 if lo < len(steps) else None


def _whole(cards: Sequence[Card], units: str) -> list[Card]:
    """The cards, each one too long for a page even in the smallest type cut into cards that fit
    (the second one headed "continued"), so that no table runs over a page break."""
    out: list[Card] = []
    for card in cards:
        if len(card.rows) > 1 and _height(card, units, MIN_SCALE) > USABLE:
            cut = len(card.rows) // 2
            more = Card(f"{card.heading} (continued)", "", card.rows[cut:])
            out.extend(_whole([Card(card.heading, card.why, card.rows[:cut]), more], units))
        else:
            out.append(card)
    return out


@dataclass(frozen=True, slots=True)
class Slot:
    """Where a card goes: its page (from 1), top edge and type scale, and the height it takes."""

    page: int
    top: float
    scale: float
    height: float


def layout(cards: Sequence[Card], units: str = "kg") -> list[tuple[Card, Slot]]:
    """Cards two to a page where each fits a half page (at HALF_MIN_SCALE or larger), else one to
    a page, in order; never a card across a page break."""
    slots: list[tuple[Card, Slot]] = []
    page, bottom_free = 0, False  # bottom_free: the current page's lower half can take a card
    for card in _whole(cards, units):
        half_scale = _fit(card, units, HALF, HALF_MIN_SCALE)
        if half_scale is not None:
            if bottom_free:
                top, bottom_free = MARGIN + HALF + GAP, False
            else:
                page, top, bottom_free = page + 1, MARGIN, True
            slots.append((card, Slot(page, top, half_scale, _height(card, units, half_scale))))
            continue
        page, bottom_free = page + 1, False
        scale = _fit(card, units, USABLE) or MIN_SCALE
        slots.append((card, Slot(page, MARGIN, scale, _height(card, units, scale))))
    return slots


def cards_pdf(cards: Sequence[Card], *, title: str, units: str = "kg", empty: str = "No sessions.") -> bytes:
    """The PDF of `layout`: a cut line between two cards sharing a page."""
    pdf = _new_pdf()
    pdf.set_title(latin1(title))
    pdf.set_creator("stridelift")
    if not cards:
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 14)
        pdf.multi_cell(0, 8, latin1(f"{title}\n{empty}"))
        return bytes(pdf.output())
    for card, slot in layout(cards, units):
        if slot.page > pdf.page:
            pdf.add_page()
        elif slot.top > MARGIN:
            _cut_line(pdf)
        pdf.set_y(slot.top)
        _draw(pdf, card, units, slot.scale)
    return bytes(pdf.output())


def _cut_line(pdf: FPDF) -> None:
    y = MARGIN + HALF + GAP / 2
    pdf.set_draw_color(150, 150, 150)
    pdf.set_dash_pattern(dash=2, gap=2)
    pdf.line(MARGIN, y, PAGE_W - MARGIN, y)
    pdf.set_dash_pattern()
    pdf.set_draw_color(0, 0, 0)

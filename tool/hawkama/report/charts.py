"""Chart geometry, computed here so that templates only draw and tests can check numbers.

The SVGs carry shapes and digits only: WeasyPrint lays out SVG ``<text>`` one code point
at a time, so Arabic there would come out unjoined (Kozea/WeasyPrint#2909). Every word
goes in HTML around the SVG. In right-to-left reports the x axis is mirrored here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BAND_COLOURS = {1: "#2e7d32", 2: "#f9a825", 3: "#ef6c00", 4: "#c62828"}
UNKNOWN_COLOUR = "#757575"
BAR_W = 260.0
BAR_H = 30.0


def band_colour(level: int | None) -> str:
    if level is None:
        return UNKNOWN_COLOUR
    return BAND_COLOURS.get(min(max(level, 1), 4), UNKNOWN_COLOUR)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    w: float
    h: float
    colour: str
    opacity: float


@dataclass(frozen=True)
class BarPair:
    """Inherent (pale, upper) beside residual (solid, lower) for one dimension."""

    width: float
    height: float
    bars: tuple[Bar, Bar]
    ticks: tuple[float, ...]


def bar_pair(
    inherent: float | None,
    residual: float | None,
    scale_max: float,
    levels: tuple[int | None, int | None],
    rtl: bool,
) -> BarPair:
    scale = scale_max if scale_max > 0 else 1.0

    def bar(value: float | None, y: float, level: int | None, opacity: float) -> Bar:
        w = BAR_W * min(max((value or 0.0) / scale, 0.0), 1.0)
        x = BAR_W - w if rtl else 0.0
        return Bar(round(x, 2), y, round(w, 2), 11.0, band_colour(level), opacity)

    ticks = tuple(round(BAR_W * k / 4, 2) for k in range(5))
    return BarPair(
        BAR_W,
        BAR_H,
        (bar(inherent, 3.0, levels[0], 0.4), bar(residual, 16.0, levels[1], 1.0)),
        ticks,
    )


def scale_for(unit: str, values: list[float]) -> float:
    """Percent scores are drawn on 0-100; other units on the largest value shown."""
    if unit == "%":
        return 100.0
    return max([v for v in values if v > 0], default=1.0)


@dataclass(frozen=True)
class Cell:
    x: float
    y: float
    size: float
    colour: str


@dataclass(frozen=True)
class Marker:
    number: int
    cx0: float  # inherent position
    cy0: float
    cx1: float  # residual position
    cy1: float
    moved: bool


@dataclass
class HeatMap:
    width: float
    height: float
    cell: float
    origin: tuple[float, float]
    cells: list[Cell] = field(default_factory=list)
    x_ticks: list[tuple[float, float, int]] = field(default_factory=list)
    y_ticks: list[tuple[float, float, int]] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    tick_anchor: str = "end"


def _heat_colour(product: int, top: int) -> str:
    share = product / top
    if share <= 0.16:
        return "#c8e6c9"
    if share <= 0.36:
        return "#fff59d"
    if share <= 0.6:
        return "#ffcc80"
    return "#ef9a9a"


# Where the n-th marker sits inside a cell, as fractions of the cell: up to 9 per cell.
# A 3x3 grid, centre first, spaced so that markers of radius 7 do not overlap.
_A, _B, _C = 1 / 6, 0.5, 5 / 6
_SLOTS = [(_B, _B), (_A, _A), (_C, _C), (_C, _A), (_A, _C), (_B, _A), (_B, _C), (_A, _B), (_C, _B)]


def heat_map(
    risks: list[tuple[tuple[int, int], tuple[int, int]]],
    n_likelihood: int = 5,
    n_impact: int = 5,
    rtl: bool = False,
) -> HeatMap:
    """A likelihood (x) by impact (y) grid; ``risks`` holds ((li, ri), (ii, ri)) per risk."""
    cell = 50.0 if max(n_likelihood, n_impact) <= 5 else 250.0 / max(n_likelihood, n_impact)
    pad = 18.0
    width = pad + cell * n_likelihood + 4
    height = cell * n_impact + pad + 4
    hm = HeatMap(width, height, cell, (pad, 2.0), tick_anchor="start" if rtl else "end")

    def x_of(col: float) -> float:  # col in [0, n_likelihood]
        x = pad + col * cell
        return round(width - x if rtl else x, 2)

    def y_of(row: float) -> float:  # row in [0, n_impact], 0 at the bottom
        return round(2.0 + (n_impact - row) * cell, 2)

    top = n_likelihood * n_impact
    for li in range(1, n_likelihood + 1):
        for im in range(1, n_impact + 1):
            left = min(x_of(li - 1), x_of(li))
            hm.cells.append(Cell(left, y_of(im), cell, _heat_colour(li * im, top)))
    hm.x_ticks = [(x_of(li - 0.5), round(height - 4, 2), li) for li in range(1, n_likelihood + 1)]
    hm.y_ticks = [
        (x_of(0) + (4 if rtl else -4), y_of(im - 0.5) + 4, im) for im in range(1, n_impact + 1)
    ]
    used: dict[tuple[int, int], int] = {}

    def place(li: int, im: int) -> tuple[float, float]:
        li = min(max(li, 1), n_likelihood)
        im = min(max(im, 1), n_impact)
        k = used.get((li, im), 0)
        used[(li, im)] = k + 1
        fx, fy = _SLOTS[k % len(_SLOTS)]
        return x_of(li - 1 + fx), round(y_of(im) + fy * cell, 2)

    for n, ((l0, l1), (i0, i1)) in enumerate(risks, start=1):
        x0, y0 = place(l0, i0)
        x1, y1 = place(l1, i1) if (l1, i1) != (l0, i0) else (x0, y0)
        hm.markers.append(Marker(n, x0, y0, x1, y1, (l1, i1) != (l0, i0)))
    return hm

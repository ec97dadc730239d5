"""Colour arithmetic for an accessible palette: WCAG contrast, colour-vision simulation and
colour difference.

WCAG 2.1 asks 3:1 for a graphic element against its background (1.4.11) and 4.5:1 for small
text (1.4.3). Red–green colour blindness is simulated with the matrices of Machado, Oliveira
and Fernandes (2009) at full severity, applied in linear RGB; two colours stay apart when their
CIELAB difference (ΔE*ab) after simulation is at least DISTINCT.
"""

from __future__ import annotations

import math

# Two colours a reader must tell apart differ at least this much in CIELAB (ΔE*ab, 1976),
# for normal vision and under each simulation (about ten times a just noticeable difference).
DISTINCT = 25.0
GRAPHIC_CONTRAST = 3.0
TEXT_CONTRAST = 4.5

MACHADO = {
    "protanopi": ((0.152286, 1.052583, -0.204868),
                  (0.114503, 0.786281, 0.099216),
                  (-0.003882, -0.048116, 1.051998)),
    "deuteranopi": ((0.367322, 0.860646, -0.227968),
                    (0.280085, 0.672501, 0.047413),
                    (-0.011820, 0.042940, 0.968881)),
}

Linear = tuple[float, float, float]


def linear(colour: str) -> Linear:
    """`#2A7A66` → linear RGB, each 0–1."""
    value = colour.lstrip("#")
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return r, g, b


def luminance(rgb: Linear) -> float:
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1–21."""
    high, low = sorted((luminance(linear(a)), luminance(linear(b))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def simulate(rgb: Linear, kind: str) -> Linear:
    m = MACHADO[kind]
    out = [sum(m[i][j] * rgb[j] for j in range(3)) for i in range(3)]
    r, g, b = (min(1.0, max(0.0, v)) for v in out)
    return r, g, b


def lab(rgb: Linear) -> tuple[float, float, float]:
    x = (0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]) / 0.95047
    y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    z = (0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def difference(a: str, b: str, kind: str | None = None) -> float:
    """ΔE*ab of two colours as a reader sees them: normal vision, or `kind` simulated."""
    ra, rb = linear(a), linear(b)
    if kind is not None:
        ra, rb = simulate(ra, kind), simulate(rb, kind)
    return math.dist(lab(ra), lab(rb))


def text_on(background: str, dark: str = "#1E1E1E") -> str:
    """White or `dark` for a label on `background`, whichever has the higher contrast (white
    on an ochre bar reads at 3:1, too little for small text)."""
    return "white" if contrast("#FFFFFF", background) >= contrast(dark, background) else dark

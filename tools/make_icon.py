#!/usr/bin/python3
"""Draws ConvStep's icon: assets/icons/convstep.svg and PNGs of 16 to 256 pixels.

The icon is one picture of what the app teaches: a row of input cells, a kernel window of
three of them (orange frame), the fan of its multiply-adds, and the output cell it makes.
Every shape is a rectangle or a convex polygon on a 64 x 64 grid, written once below and
drawn twice: as SVG, and rasterised here with numpy (4 x 4 samples per pixel), so the PNGs
need no SVG renderer. Run with Debian's interpreter (it has numpy):

    /usr/bin/python3 tools/make_icon.py
"""
import os
import struct
import zlib

import numpy as np

SIZES = [16, 24, 32, 48, 64, 128, 256]
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "assets", "icons")

BACKGROUND = "#1f2a44"
INPUT = ["#4c78a8", "#72b7b2", "#9ecae9", "#4c78a8", "#72b7b2", "#9ecae9"]
ORANGE = "#f58518"
OUTPUT = "#54a24b"

# (kind, geometry, colour, opacity); kinds: "round" (x, y, w, h, r), "rect" (x, y, w, h),
# "frame" (x, y, w, h, line width), "poly" ([(x, y), ...], convex, clockwise or not).
SHAPES = [("round", (2, 2, 60, 60, 12), BACKGROUND, 1.0)]
CELL, GAP, LEFT = 8, 1.6, 5.6
for i, colour in enumerate(INPUT):
    SHAPES.append(("rect", (LEFT + i * (CELL + GAP), 12, CELL, CELL), colour, 1.0))
WINDOW_X = LEFT + 1 * (CELL + GAP) - 1.5
WINDOW_W = 3 * CELL + 2 * GAP + 3
SHAPES.append(("frame", (WINDOW_X, 10.5, WINDOW_W, CELL + 3, 2.2), ORANGE, 1.0))
OUT_X = 28
SHAPES.append(("poly", [(WINDOW_X + 1, 22.5), (WINDOW_X + WINDOW_W - 1, 22.5),
                        (OUT_X + CELL + 1.5, 42), (OUT_X - 1.5, 42)], ORANGE, 0.45))
for j in range(4):
    x = 13 + j * (CELL + 2.5) + (3 if j >= 2 else 0)
    if j == 1:
        continue
    SHAPES.append(("rect", (x, 44, CELL, CELL), "#3a4a6b", 1.0))
SHAPES.append(("rect", (OUT_X - 1.5, 42.5, CELL + 3, CELL + 3), OUTPUT, 1.0))


def svg():
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">',
             "  <title>ConvStep</title>"]
    for kind, geometry, colour, opacity in SHAPES:
        alpha = "" if opacity == 1.0 else ' fill-opacity="%g"' % opacity
        if kind == "round":
            x, y, w, h, r = geometry
            parts.append('  <rect x="%g" y="%g" width="%g" height="%g" rx="%g" fill="%s"/>' %
                         (x, y, w, h, r, colour))
        elif kind == "rect":
            x, y, w, h = geometry
            parts.append('  <rect x="%g" y="%g" width="%g" height="%g" fill="%s"%s/>' %
                         (x, y, w, h, colour, alpha))
        elif kind == "frame":
            x, y, w, h, line = geometry
            parts.append('  <rect x="%g" y="%g" width="%g" height="%g" fill="none" stroke="%s" '
                         'stroke-width="%g"/>' % (x + line / 2, y + line / 2, w - line, h - line,
                                                  colour, line))
        else:
            points = " ".join("%g,%g" % point for point in geometry)
            parts.append('  <polygon points="%s" fill="%s"%s/>' % (points, colour, alpha))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def coverage(kind, geometry, x, y):
    """Boolean mask of the samples (x, y in icon units) inside a shape."""
    if kind == "round":
        left, top, w, h, r = geometry
        cx = np.clip(x, left + r, left + w - r)
        cy = np.clip(y, top + r, top + h - r)
        return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
    if kind == "rect":
        left, top, w, h = geometry
        return (x >= left) & (x < left + w) & (y >= top) & (y < top + h)
    if kind == "frame":
        left, top, w, h, line = geometry
        outer = coverage("rect", (left, top, w, h), x, y)
        inner = coverage("rect", (left + line, top + line, w - 2 * line, h - 2 * line), x, y)
        return outer & ~inner
    inside_all, inside_none = np.ones_like(x, bool), np.ones_like(x, bool)
    for (x0, y0), (x1, y1) in zip(geometry, geometry[1:] + geometry[:1]):
        side = (x1 - x0) * (y - y0) - (y1 - y0) * (x - x0)
        inside_all &= side >= 0
        inside_none &= side <= 0
    return inside_all | inside_none


def rgb(colour):
    return np.array([int(colour[i:i + 2], 16) / 255.0 for i in (1, 3, 5)])


def raster(size, samples=4):
    """RGBA bytes of the icon at size x size pixels."""
    n = size * samples
    grid = (np.arange(n) + 0.5) * 64.0 / n
    x, y = np.meshgrid(grid, grid)
    colour = np.zeros((n, n, 3))
    alpha = np.zeros((n, n))
    for kind, geometry, hex_colour, opacity in SHAPES:
        a = coverage(kind, geometry, x, y) * opacity
        colour = colour * (1 - a[..., None]) + rgb(hex_colour) * a[..., None]
        alpha = alpha * (1 - a) + a
    colour = colour.reshape(size, samples, size, samples, 3).mean(axis=(1, 3))
    alpha = alpha.reshape(size, samples, size, samples).mean(axis=(1, 3))
    # colour is premultiplied by construction; PNG wants straight alpha.
    straight = np.where(alpha[..., None] > 0, colour / np.maximum(alpha[..., None], 1e-9), 0)
    rgba = np.dstack([straight, alpha])
    return (np.clip(rgba, 0, 1) * 255 + 0.5).astype(np.uint8)


def png(pixels):
    height, width, _ = pixels.shape
    rows = b"".join(b"\x00" + pixels[row].tobytes() for row in range(height))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6,
                                                              0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "convstep.svg"), "w") as out:
        out.write(svg())
    for size in SIZES:
        with open(os.path.join(OUT, "convstep_%d.png" % size), "wb") as out:
            out.write(png(raster(size)))
    print("wrote %s: convstep.svg and %s" % (os.path.normpath(OUT),
                                              ", ".join("convstep_%d.png" % s for s in SIZES)))


if __name__ == "__main__":
    main()

"""Draw the staff app's icons (PNG, 192 and 512 px) with the standard library.

    python hosting/src/staff/make_icons.py

A full-bleed teal square with a white calendar page and a check mark, all
inside the central safe zone, so the same image serves as a maskable icon.
The PNGs are committed under hosting/public/staff/icons/.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "public" / "staff" / "icons"
TEAL = (15, 118, 110)
DARK = (17, 94, 89)
WHITE = (255, 255, 255)
SAMPLES = 3


def _rounded(x: float, y: float, box: tuple[float, float, float, float], radius: float) -> bool:
    left, top, right, bottom = box
    if not (left <= x <= right and top <= y <= bottom):
        return False
    cx = min(max(x, left + radius), right - radius)
    cy = min(max(y, top + radius), bottom - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2


def _near_segment(x: float, y: float, a: tuple[float, float], b: tuple[float, float], width: float) -> bool:
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    px, py = ax + t * dx, ay + t * dy
    return (x - px) ** 2 + (y - py) ** 2 <= (width / 2) ** 2


def colour_at(x: float, y: float) -> tuple[int, int, int]:
    """The picture on a unit square (0..1), sampled at (x, y)."""
    if _near_segment(x, y, (0.37, 0.27), (0.37, 0.2), 0.06) or _near_segment(x, y, (0.63, 0.27), (0.63, 0.2), 0.06):
        return WHITE
    if _rounded(x, y, (0.25, 0.25, 0.75, 0.76), 0.06):
        if y < 0.36:
            return DARK
        if _near_segment(x, y, (0.38, 0.56), (0.47, 0.65), 0.06) or _near_segment(x, y, (0.47, 0.65), (0.64, 0.46), 0.06):
            return TEAL
        return WHITE
    return TEAL


def render(size: int) -> bytes:
    rows = []
    step = 1 / (size * SAMPLES)
    for py in range(size):
        row = bytearray([0])  # filter type: none
        for px in range(size):
            total = [0, 0, 0]
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    colour = colour_at((px * SAMPLES + sx + 0.5) * step, (py * SAMPLES + sy + 0.5) * step)
                    for channel in range(3):
                        total[channel] += colour[channel]
            row += bytes(round(value / SAMPLES**2) for value in total)
        rows.append(bytes(row))
    return png(size, size, b"".join(rows))


def png(width: int, height: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        (OUT / f"icon-{size}.png").write_bytes(render(size))
        print(f"wrote {OUT / f'icon-{size}.png'}")

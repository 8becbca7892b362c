"""The player's steps as an animated GIF (Pillow) or an MP4 (Debian's ffmpeg, when
installed), for the briefing.

Each frame is drawn here, offline and without a browser: the country outlines of
``static/countries-50m.geojson`` (as the map's base layer), the step's events or
grid cells (:meth:`geo.playback.Playback.step`) coloured by type, the title, the
step's dates and counts, the legend of the types shown and the credits. At most
``max_frames`` steps are drawn (evenly spaced, the last one always): a GIF of
years of days stays a few megabytes.
"""

from __future__ import annotations

import io
import json
import math
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from geo.errors import ExportError
from geo.map import assets
from geo.playback import Playback, PlaybackOptions, StepData
from geo.taxonomy import colour_for

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
LAND, SEA, BORDER, INK = "#f3efe6", "#dce8f0", "#9a9a9a", "#222222"
HEADER = 64
FOOTER = 26


@dataclass(frozen=True, slots=True)
class Frames:
    """Drawn frames (Pillow images) and the steps they show."""

    images: tuple
    steps: tuple[StepData, ...]


def frame_indexes(count: int, max_frames: int) -> list[int]:
    """Up to ``max_frames`` step indexes from 0 to ``count - 1``, evenly spaced."""
    if count <= 0:
        return []
    if count <= max_frames:
        return list(range(count))
    return sorted({round(i * (count - 1) / (max_frames - 1)) for i in range(max_frames)})


def render_frames(playback: Playback, options: PlaybackOptions, *, title: str,
                  width: int = 960, height: int = 600, max_frames: int = 120,
                  credits: Sequence[str] = ()) -> Frames:
    """The frames of a playback (none when no event is dated and located)."""
    if max_frames < 2:
        raise ExportError("an animation needs at least 2 frames")
    steps = [playback.step(i, options) for i in frame_indexes(playback.steps(options),
                                                             max_frames)]
    steps = [s for s in steps if s is not None]
    if not steps:
        return Frames((), ())
    view = _View.fit(playback.bounds, width, height - HEADER - FOOTER)
    base = _base_image(view, width, height)
    images = tuple(_draw_step(base.copy(), view, step, title=title, credits=credits)
                   for step in steps)
    return Frames(images, tuple(steps))


def animated_gif(frames: Frames, *, seconds_per_frame: float = 0.6) -> bytes:
    """The frames as a looping GIF; the last frame lingers."""
    if not frames.images:
        raise ExportError("nothing to animate: no dated, located events match the filters")
    durations = [int(seconds_per_frame * 1000)] * len(frames.images)
    durations[-1] = max(durations[-1], 2000)
    from PIL import Image

    palette = [im.quantize(colors=128, method=Image.Quantize.FASTOCTREE) for im in frames.images]
    out = io.BytesIO()
    palette[0].save(out, format="GIF", save_all=True, append_images=palette[1:],
                    duration=durations, loop=0, optimize=False, disposal=1)
    return out.getvalue()


def animation_bytes(kind: str, events, options: PlaybackOptions, *, title: str,
                    credits: Sequence[str] = (), max_frames: int = 120,
                    width: int = 960, height: int = 600) -> bytes:
    """``kind`` "gif" or "mp4" of the filtered ``events`` stepped with ``options``."""
    if kind not in ("gif", "mp4"):
        raise ExportError(f"an animation is a gif or an mp4, not {kind!r}")
    frames = render_frames(Playback(events), options, title=title, credits=credits,
                           max_frames=max_frames, width=width, height=height)
    return animated_gif(frames) if kind == "gif" else mp4(frames)


def ffmpeg_path() -> str | None:
    """Debian's ffmpeg, when installed (``apt-get install ffmpeg``)."""
    return shutil.which("ffmpeg")


def mp4(frames: Frames, *, frames_per_second: float = 2.0) -> bytes:
    """The frames as an H.264 MP4 through ffmpeg (frames piped in as PNG)."""
    exe = ffmpeg_path()
    if exe is None:
        raise ExportError("MP4 needs ffmpeg, which is not installed (apt-get install ffmpeg); "
                          "the GIF needs nothing more")
    if not frames.images:
        raise ExportError("nothing to animate: no dated, located events match the filters")
    data = b"".join(_png(im) for im in frames.images)
    cmd = [exe, "-loglevel", "error", "-f", "image2pipe", "-framerate", str(frames_per_second),
           "-c:v", "png", "-i", "-", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", "libx264",
           "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4", "pipe:1"]
    try:
        done = subprocess.run(cmd, input=data, capture_output=True, timeout=300, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ExportError(f"ffmpeg failed: {exc}") from None
    if done.returncode or not done.stdout:
        raise ExportError(f"ffmpeg failed: {done.stderr.decode(errors='replace')[-300:]}")
    return done.stdout


# -- drawing -------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _View:
    """Web Mercator from the events' bounds onto the frame's map area."""

    x0: float
    y0: float
    scale: float
    top: int
    left: float

    @classmethod
    def fit(cls, bounds, width: int, height: int) -> _View:
        (south, west), (north, east) = bounds or ((-50.0, -170.0), (70.0, 170.0))
        pad_lat = max(1.0, (north - south) * 0.12)
        pad_lon = max(1.0, (east - west) * 0.12)
        south, north = max(-80.0, south - pad_lat), min(80.0, north + pad_lat)
        west, east = max(-180.0, west - pad_lon), min(180.0, east + pad_lon)
        x_w, x_e = _mx(west), _mx(east)
        y_n, y_s = _my(north), _my(south)
        scale = min(width / max(x_e - x_w, 1e-9), height / max(y_s - y_n, 1e-9))
        left = (width - (x_e - x_w) * scale) / 2
        top = HEADER + (height - (y_s - y_n) * scale) / 2
        return cls(x_w, y_n, scale, int(top), left)

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        return (self.left + (_mx(lon) - self.x0) * self.scale,
                self.top + (_my(lat) - self.y0) * self.scale)


def _mx(lon: float) -> float:
    return math.radians(lon)


def _my(lat: float) -> float:
    lat = max(-85.0, min(85.0, lat))
    return -math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


@lru_cache(maxsize=1)
def _shapes() -> tuple:
    """Each country's rings as tuples of (lon, lat), with the ring's bounding box."""
    data = json.loads(assets.read_text(assets.COUNTRIES_GEOJSON))
    rings = []
    for feature in data["features"]:
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates") or []
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            for ring in polygon[:1]:  # outer rings: holes are seas too small to matter here
                lons = [p[0] for p in ring]
                lats = [p[1] for p in ring]
                rings.append((tuple((p[0], p[1]) for p in ring),
                              (min(lats), min(lons), max(lats), max(lons))))
    return tuple(rings)


def _font(size: int, *, bold: bool = False):
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(f"{FONT_DIR}/{name}", size)
    except OSError:
        return ImageFont.load_default(size)


def _base_image(view: _View, width: int, height: int):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), SEA)
    draw = ImageDraw.Draw(image)
    for ring, (s, w, n, e) in _shapes():
        (x1, y1), (x2, y2) = view.xy(n, w), view.xy(s, e)
        if x2 < 0 or x1 > width or y2 < HEADER or y1 > height:
            continue
        points = [view.xy(lat, lon) for lon, lat in ring]
        if len(points) >= 3:
            draw.polygon(points, fill=LAND, outline=BORDER)
    draw.rectangle([0, 0, width, HEADER], fill="#ffffff")
    draw.rectangle([0, height - FOOTER, width, height], fill="#ffffff")
    return image


def _draw_step(image, view: _View, step: StepData, *, title: str, credits: Sequence[str]):
    from PIL import ImageDraw

    draw = ImageDraw.Draw(image, "RGBA")
    width, height = image.size
    data = step.data
    shown: dict[str, int] = {}
    if data.kind == "cells":
        biggest = max((c.count for c in data.cells), default=1)
        for c in data.cells:
            r = 3 + 15 * math.sqrt(c.count / biggest)
            _dot(draw, view.xy(c.latitude, c.longitude), r, colour_for(c.dominant_type))
            for name, n in c.counts:
                shown[name] = shown.get(name, 0) + n
    elif data.points is not None and len(data.points):
        for lat, lon, kind in zip(data.points["latitude"].tolist(),
                                  data.points["longitude"].tolist(),
                                  data.points["event_type"].astype(str).tolist()):
            _dot(draw, view.xy(lat, lon), 4.5, colour_for(kind))
            shown[kind] = shown.get(kind, 0) + 1
    draw.rectangle([0, 0, width, HEADER], fill="#ffffff")
    draw.rectangle([0, height - FOOTER, width, height], fill="#ffffff")
    draw.text((14, 8), title, fill=INK, font=_font(20, bold=True))
    draw.text((14, 36), f"{step.step.label}  ·  {step.events:,} events shown, "
                        f"{step.new:,} new  ·  step {step.step.index + 1:,} of "
                        f"{step.step.count:,}", fill=INK, font=_font(15))
    _legend(draw, shown, width, height)
    credit = "Events: " + "; ".join(credits) + " · " if credits else ""
    draw.text((14, height - FOOTER + 6), credit + "Outlines: Natural Earth · Places: GeoNames",
              fill="#555555", font=_font(11))
    return image


def _dot(draw, xy: tuple[float, float], r: float, colour: str) -> None:
    x, y = xy
    rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    draw.ellipse([x - r, y - r, x + r, y + r], fill=(*rgb, 170), outline=(*rgb, 255))


def _legend(draw, shown: dict[str, int], width: int, height: int) -> None:
    if not shown:
        return
    names = sorted(shown, key=lambda k: -shown[k])[:7]
    font = _font(12)
    box_w, line = 230, 18
    x0, y0 = width - box_w - 12, height - FOOTER - 12 - line * len(names) - 8
    draw.rectangle([x0, y0, x0 + box_w, y0 + line * len(names) + 8], fill=(255, 255, 255, 230),
                   outline=(180, 180, 180, 255))
    for i, name in enumerate(names):
        y = y0 + 6 + i * line
        _dot(draw, (x0 + 12, y + 7), 5, colour_for(name))
        draw.text((x0 + 24, y), f"{name} ({shown[name]:,})"[:34], fill=INK, font=font)


def _png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()

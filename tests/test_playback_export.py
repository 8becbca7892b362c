"""The player's steps as an animated GIF and an MP4 (geo/playback_export.py)."""

import io

import pytest
from PIL import Image, ImageSequence

from geo.errors import ExportError
from geo.playback import Playback, PlaybackOptions
from geo.playback_export import (
    animated_gif, animation_bytes, ffmpeg_path, frame_indexes, mp4, render_frames,
)
from tests.test_playback import events

WEEKLY = PlaybackOptions("week", "window", window=1)


def test_frame_indexes_keep_first_and_last():
    assert frame_indexes(3, 10) == [0, 1, 2]
    assert frame_indexes(100, 5) == [0, 25, 50, 74, 99]
    assert frame_indexes(0, 5) == []


def test_gif_has_one_frame_per_step_and_the_dots_move():
    frame = events([0, 1, 8, 15, 16, 17], lat=34.0)
    frames = render_frames(Playback(frame), WEEKLY, title="Test <title>", credits=["UCDP GED"])
    assert [s.events for s in frames.steps] == [2, 1, 3]
    gif = Image.open(io.BytesIO(animated_gif(frames)))
    assert gif.format == "GIF" and gif.n_frames == 3 and gif.size == (960, 600)
    pixels = [f.convert("RGB").tobytes() for f in ImageSequence.Iterator(gif)]
    assert len(set(pixels)) == 3  # each step draws other events and dates
    # the map area has the event colour (Battles) somewhere in each frame
    battles = (0xd6, 0x27, 0x28)
    for image in frames.images:
        assert any(abs(r - battles[0]) < 30 and abs(g - battles[1]) < 30 and
                   abs(b - battles[2]) < 30 for r, g, b in image.get_flattened_data())


def test_frames_are_capped_and_nothing_to_play_is_an_error():
    frame = events(list(range(40)))
    daily = PlaybackOptions("day")
    assert len(render_frames(Playback(frame), daily, title="t", max_frames=6).images) == 6
    with pytest.raises(ExportError, match="nothing to animate"):
        animation_bytes("gif", frame.iloc[0:0], daily, title="t")
    with pytest.raises(ExportError, match="gif or an mp4"):
        animation_bytes("avi", frame, daily, title="t")


def test_mp4_with_ffmpeg_or_a_clear_error():
    frames = render_frames(Playback(events([0, 8])), WEEKLY, title="t")
    if ffmpeg_path() is None:
        with pytest.raises(ExportError, match="apt-get install ffmpeg"):
            mp4(frames)
    else:
        data = mp4(frames)
        assert data[4:8] == b"ftyp"

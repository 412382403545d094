"""Reads a JPEG's pixel size from its SOF marker: a few lines instead of an imaging library."""

import struct

# SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range but carry no size.
_START_OF_FRAME = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def is_jpeg(data: bytes) -> bool:
    return data[:3] == b"\xff\xd8\xff"


def jpeg_size(data: bytes) -> tuple[int, int]:
    """(width, height) as stored, before any EXIF orientation. Raises ValueError if not a JPEG."""
    if not is_jpeg(data):
        raise ValueError("not a JPEG (no FF D8 FF at the start)")
    offset = 2
    while offset + 4 <= len(data):
        if data[offset] != 0xFF:
            raise ValueError(f"no marker at byte {offset}")
        marker = data[offset + 1]
        if marker == 0xFF:  # fill byte
            offset += 1
            continue
        length = struct.unpack(">H", data[offset + 2 : offset + 4])[0]
        if marker in _START_OF_FRAME:
            height, width = struct.unpack(">HH", data[offset + 5 : offset + 9])
            return width, height
        offset += 2 + length
    raise ValueError("no start-of-frame marker")


def has_exif(data: bytes) -> bool:
    """Whether an APP1 Exif segment is present (it could rotate the displayed image)."""
    return b"Exif\x00\x00" in data[:65536]

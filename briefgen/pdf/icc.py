"""The sRGB ICC profile for the PDF/A output intent, shipped with briefgen.

In:  nothing.
Out: :func:`srgb_profile`, the profile's bytes: the same on every machine, so PDFs are
     byte-identical wherever they are built.

The profile is LittleCMS's built-in sRGB (IEC 61966-2.1) display profile, version 4.4,
made once through Pillow's ImageCms (``ImageCms.createProfile("sRGB")``), with its creation
date set to 2000-01-01 and its profile ID recomputed (:func:`profile_id`). LittleCMS is MIT
licensed; the profile is data it generates. Shipped rather than built at run time because
another LittleCMS version would write other bytes, and loading ImageCms slows a cold build.
"""

from __future__ import annotations

import base64
import hashlib

_SRGB_V4 = (
    "AAACTGxjbXMEQAAAbW50clJHQiBYWVogB9AAAQABAAAAAAAAYWNzcEFQUEwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAPbWAAEA"
    "AAAA0y1sY21zScYYwHkYKpXYRmPZRbdVswAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAALZGVzYwAAAQgAAAA2Y3BydAAA"
    "AUAAAABMd3RwdAAAAYwAAAAUY2hhZAAAAaAAAAAsclhZWgAAAcwAAAAUYlhZWgAAAeAAAAAUZ1hZWgAAAfQAAAAUclRSQwAAAggA"
    "AAAgZ1RSQwAAAggAAAAgYlRSQwAAAggAAAAgY2hybQAAAigAAAAkbWx1YwAAAAAAAAABAAAADGVuVVMAAAAaAAAAHABzAFIARwBC"
    "ACAAYgB1AGkAbAB0AC0AaQBuAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAADAAAAAcAE4AbwAgAGMAbwBwAHkAcgBpAGcAaAB0ACwA"
    "IAB1AHMAZQAgAGYAcgBlAGUAbAB5WFlaIAAAAAAAAPbWAAEAAAAA0y1zZjMyAAAAAAABDEIAAAXe///zJQAAB5MAAP2Q///7of//"
    "/aIAAAPcAADAblhZWiAAAAAAAABvoAAAOPUAAAOQWFlaIAAAAAAAACSfAAAPhAAAtsNYWVogAAAAAAAAYpcAALeHAAAY2XBhcmEA"
    "AAAAAAMAAAACZmYAAPKnAAANWQAAE9AAAApbY2hybQAAAAAAAwAAAACj1wAAVHsAAEzNAACZmgAAJmYAAA9c"
)


def profile_id(profile: bytes) -> bytes:
    """The ICC profile ID: MD5 of the profile with flags, rendering intent and ID zeroed (ICC.1 7.2.18)."""
    data = bytearray(profile)
    data[44:48] = bytes(4)
    data[64:68] = bytes(4)
    data[84:100] = bytes(16)
    return hashlib.md5(data).digest()


def srgb_profile() -> bytes:
    """The sRGB display profile (588 bytes)."""
    return base64.b64decode("".join(_SRGB_V4))

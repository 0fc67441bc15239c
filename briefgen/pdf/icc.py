"""The ICC profiles of the output intents: sRGB (the screen edition) and press CMYK (the CMYK edition).

In:  nothing.
Out: :func:`srgb_profile`, the profile's bytes: the same on every machine, so PDFs are
     byte-identical wherever they are built; :func:`cmyk_profile`, the press profile
     shipped in ``briefgen/assets/icc`` (its README gives its origin and licence).

The profile is LittleCMS's built-in sRGB (IEC 61966-2.1) display profile, version 4.4,
made once through Pillow's ImageCms (``ImageCms.createProfile("sRGB")``), with its creation
date set to 2000-01-01 and its profile ID recomputed (:func:`profile_id`). LittleCMS is MIT
licensed; the profile is data it generates. Shipped rather than built at run time because
another LittleCMS version would write other bytes, and loading ImageCms slows a cold build.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

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


#: The press profile of the CMYK edition, shipped in briefgen/assets/icc (see its README and licence).
CMYK_PROFILE = "ISOcoated_v2_300_bas.icc"
#: How the output intent names the condition the profile describes.
CMYK_IDENTIFIER = "ISO Coated v2 300% (basICColor)"
CMYK_CONDITION = "Offset printing on coated paper (ISO 12647-2:2004, FOGRA39), total ink 300%"


@lru_cache(maxsize=1)
def cmyk_profile() -> bytes:
    """The press CMYK profile (ISO Coated v2 300%, basICColor; zlib licence), as shipped."""
    from ..resources import PACKAGE_ASSETS

    return (PACKAGE_ASSETS / "icc" / CMYK_PROFILE).read_bytes()

"""Where a film was watched, read from the tags Letterboxd users give their diary entries."""

from __future__ import annotations

PLACES = {
    "on-netflix": "Netflix",
    "on-amazon-prime": "Amazon Prime Video",
    "on-amazon": "Amazon Prime Video",
    "on-prime-video": "Amazon Prime Video",
    "on-hbomax": "HBO Max",
    "on-hbo-max": "HBO Max",
    "on-max": "Max",
    "on-hulu": "Hulu",
    "on-disney-plus": "Disney+",
    "on-disneyplus": "Disney+",
    "on-apple-tv": "Apple TV+",
    "on-apple-tv-plus": "Apple TV+",
    "on-mubi": "MUBI",
    "on-criterion-channel": "Criterion Channel",
    "on-shudder": "Shudder",
    "on-youtube": "YouTube",
    "on-vimeo": "Vimeo",
    "on-kanopy": "Kanopy",
    "on-tubi": "Tubi",
    "on-plex": "Plex",
    "on-peacock": "Peacock",
    "on-paramount-plus": "Paramount+",
    "on-bd": "Blu-ray",
    "on-blu-ray": "Blu-ray",
    "on-bluray": "Blu-ray",
    "on-uhd-bd": "4K Blu-ray",
    "on-dvd": "DVD",
    "on-vhs": "VHS",
    "on-tv": "TV",
    "on-a-plane": "plane",
    "in-theaters": "cinema",
    "in-theatres": "cinema",
    "in-cinema": "cinema",
    "in-cinemas": "cinema",
    "at-the-cinema": "cinema",
    "at-the-movies": "cinema",
    "at-the-theater": "cinema",
    "at-the-theatre": "cinema",
    "at-home": "home",
}
"""Tags that clearly name where a film was watched (spaces and case ignored)."""


def place_of(tags: list[str]) -> str:
    """Where the film was watched, from the first tag that clearly names a place or service."""
    for tag in tags:
        place = PLACES.get("-".join(tag.casefold().replace("_", " ").split()))
        if place:
            return place
    return ""

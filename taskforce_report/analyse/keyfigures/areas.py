"""The areas of the key figures: the municipality, its reference group (as rapport.yaml names
it) and the country, and the lenient matching of the names noegletal.csv writes for them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LAND = "Hele landet"
_LAND_NAMES = {"hele landet", "landsgennemsnit", "landsgennemsnittet", "landsplan", "danmark",
               "landet"}

# The three series of every comparison, as columns and as legend labels.
KOMMUNE, REFERENCE, NATIONAL = "kommune", "referencegruppe", "landsgennemsnit"


@dataclass(frozen=True)
class Areas:
    """The municipality, its reference group and the country, matched leniently: `Thisted`
    and `Thisted Kommune` are one area, as are `Hele landet` and `Landsgennemsnit`."""

    kommune: str
    members: tuple[str, ...]  # the reference group as rapport.yaml names it (kommune excluded)

    def _keys(self) -> dict[str, tuple[str, str]]:
        keys: dict[str, tuple[str, str]] = {}
        for name in self.members:
            for key in _name_keys(name):
                keys[key] = (name, REFERENCE)
        for key in _name_keys(self.kommune):
            keys[key] = (self.kommune, KOMMUNE)
        return keys

    def match(self, text: str) -> tuple[str, str] | None:
        """(canonical name, role) or None."""
        squeezed = " ".join(text.split()).casefold()
        if squeezed in _LAND_NAMES:
            return LAND, NATIONAL
        keys = self._keys()
        for key in _name_keys(text):
            if key in keys:
                return keys[key]
        return None

    def names(self) -> list[str]:
        return [self.kommune, *self.members, LAND]


def _name_keys(name: str) -> list[str]:
    base = " ".join(name.split()).casefold()
    base = base.removesuffix(" kommune")
    keys = [base]
    if base.endswith("s"):  # Københavns Kommune ↔ København
        keys.append(base[:-1])
    return keys


def areas_of(report: Any) -> Areas:
    own = _name_keys(report.kommune)
    members = tuple(m for m in report.referencegruppe if _name_keys(m) != own)
    return Areas(report.kommune, members)

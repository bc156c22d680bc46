"""The briefing's text ships inside the package, with its licence, and never drifts from the reference."""

from __future__ import annotations

import pytest

from belarus_cli.kb.briefing_text import SHIPPED_BRIEFING

from .conftest import REFERENCE_BRIEFING, REPO

ATTRIBUTION = "Contains Parliamentary information licensed under the Open Parliament Licence v3.0"


def test_shipped_copy_has_its_attribution_beside_it_and_in_the_readme() -> None:
    opening = SHIPPED_BRIEFING.read_text(encoding="utf-8")[:200]
    assert "Belarus: One year on from the disputed Presidential election" in opening
    assert ATTRIBUTION in (SHIPPED_BRIEFING.parent / "ATTRIBUTION.txt").read_text(encoding="utf-8")
    assert ATTRIBUTION in (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.skipif(not REFERENCE_BRIEFING.exists(), reason="no reference copy beside this clone")
def test_shipped_copy_is_the_reference_byte_for_byte() -> None:
    assert SHIPPED_BRIEFING.read_bytes() == REFERENCE_BRIEFING.read_bytes()


def test_the_wheel_carries_the_briefing() -> None:
    """The shipped text sits inside the package, so a wheel (hatch takes the package folder whole) has it."""
    assert SHIPPED_BRIEFING.is_relative_to(REPO / "src" / "belarus_cli")

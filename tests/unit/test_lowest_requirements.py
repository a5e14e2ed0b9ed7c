from __future__ import annotations

import pytest

from lowest_requirements import lowest


@pytest.mark.parametrize(
    ("requirement", "floor"),
    [
        ("pulumi>=3.224,<4", "pulumi==3.224"),
        ("httpx >= 0.23.1, < 1", "httpx==0.23.1"),
        ("pydantic[email]>=2.11", "pydantic==2.11"),
    ],
)
def test_the_floor_of_a_requirement(requirement: str, floor: str) -> None:
    assert lowest(requirement) == floor


@pytest.mark.parametrize("requirement", ["pulumi<4", "pulumi>=3,>=3.1", "pulumi>=="])
def test_a_requirement_without_one_floor_is_an_error(requirement: str) -> None:
    with pytest.raises(ValueError, match="pulumi"):
        lowest(requirement)

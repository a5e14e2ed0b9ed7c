from __future__ import annotations

from pulumi.runtime.rpc import UNKNOWN as PULUMIS

from pulumi_xobin._core.unknown import UNKNOWN, is_unknown


def test_the_core_knows_pulumis_unknown_sentinel() -> None:
    assert UNKNOWN == PULUMIS
    assert is_unknown(PULUMIS)
    assert not is_unknown("known")

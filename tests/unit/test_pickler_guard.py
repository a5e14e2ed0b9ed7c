"""The pickler guard puts back whatever changed on the pure-Python pickler, and only that."""

from __future__ import annotations

import pickle

import pytest
from pulumi.dynamic.dynamic import serialize_provider

from pulumi_xobin._dynamic.pickler_guard import pickler_as_found
from pulumi_xobin.provider import InterviewWebhookSettingsProvider


def test_what_pulumis_serialization_changes_is_put_back() -> None:
    found = dict(vars(pickle._Pickler))
    with pickler_as_found():
        serialize_provider(InterviewWebhookSettingsProvider())
        # A canary: when this fails, Pulumi no longer patches the pickler, the guard does nothing, and
        # pickler_guard can go.
        assert vars(pickle._Pickler)["_batch_setitems"] is not found["_batch_setitems"]
    assert vars(pickle._Pickler).keys() == found.keys()
    assert all(vars(pickle._Pickler)[name] is value for name, value in found.items())


def test_replaced_and_swapped_attributes_are_put_back(monkeypatch: pytest.MonkeyPatch) -> None:
    def replaced(self: pickle._Pickler, obj: object) -> None:
        raise AssertionError("never called")

    module_pickler = pickle.Pickler
    save_dict = vars(pickle._Pickler)["save_dict"]
    with pickler_as_found():
        # Through monkeypatch, so that a failing guard leaves nothing behind for other tests.
        monkeypatch.setattr(pickle, "Pickler", pickle._Pickler)
        monkeypatch.setattr(pickle._Pickler, "save_dict", replaced)
    assert pickle.Pickler is module_pickler
    assert vars(pickle._Pickler)["save_dict"] is save_dict

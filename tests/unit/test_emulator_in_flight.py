"""The emulator's peak of API requests answered at once: what the benchmark divides the latency by."""

from __future__ import annotations

from pulumi_xobin.emulator._state import Config, EmulatorState


def peak(state: EmulatorState) -> int:
    return int(state.requests()["peak_in_flight"])


def test_the_peak_is_the_most_requests_answered_at_once() -> None:
    state = EmulatorState(Config())
    assert peak(state) == 0
    state.request_started()
    state.request_finished()
    state.request_started()
    assert peak(state) == 1
    state.request_started()
    state.request_finished()
    state.request_started()
    state.request_finished()
    state.request_finished()
    assert peak(state) == 2


def test_requests_still_answered_when_the_log_is_cleared_count_towards_the_next_peak() -> None:
    state = EmulatorState(Config())
    state.request_started()
    state.request_started()
    state.request_finished()
    state.clear_requests()
    assert peak(state) == 1
    state.request_finished()
    state.clear_requests()
    assert peak(state) == 0

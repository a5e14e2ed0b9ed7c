"""The dynamic providers' classes, as Pulumi pickles them into state.

Pulumi pickles a provider instance *by reference* into the `__provider` property of every resource in
state, and every later refresh, update or destroy imports it back by module path and class name. So this
module's name (`pulumi_xobin.provider`) and its class names are public API that must never be renamed or
moved: tests/unit/test_pickling.py pins them. Each class only names the operations it serves; the
adapter that does the work is `_dynamic.adapter`.
"""

from __future__ import annotations

from ._core.operations import INTERVIEW_WEBHOOK_SETTINGS_OPERATIONS, WEBHOOK_SETTINGS_OPERATIONS
from ._dynamic.adapter import SettingsAdapter

__all__ = ["InterviewWebhookSettingsProvider", "WebhookSettingsProvider"]


class WebhookSettingsProvider(SettingsAdapter):
    """The account-wide AI-interview webhook settings (`POST /ai-interviews/settings/webhooks`)."""

    _settings = WEBHOOK_SETTINGS_OPERATIONS


class InterviewWebhookSettingsProvider(SettingsAdapter):
    """One AI interview's webhook settings (`PUT /ai-interviews/settings/webhooks/<ai_interview_id>`)."""

    _settings = INTERVIEW_WEBHOOK_SETTINGS_OPERATIONS

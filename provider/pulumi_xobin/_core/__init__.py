"""The core both faces share: what a property is, which values are allowed, how settings differ, what a
resource reports, and the operations that check, diff, apply, read and delete.

Plain typed Python over plain values: it imports no HTTP client, no pydantic, no gRPC and nothing of
Pulumi (tests/unit/test_layout.py holds it to that), so every rule is a fast unit test.
"""

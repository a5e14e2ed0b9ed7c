"""The Xobin HTTP API: the client (pooling, retries, error translation, redaction), the wire format, the
connection settings and the User-Agent. It imports nothing of Pulumi (tests/unit/test_layout.py)."""

"""Leaves Python's pure-Python pickler as this package's dynamic resources found it.

A workaround for `serialize_provider` in `pulumi.dynamic` (pulumi SDK 3.224 to at least 3.260), which
every dynamic resource's constructor calls in the program. To pickle dicts in sorted order it replaces
`pickle._Pickler._batch_setitems` with a wrapper around the method it finds there, and
`pickle._Pickler.save_dict` with its own, and never puts either back. So the wrappers nest one level per
resource: each serialization costs more than the last, and near a thousand resources the program dies of
`RecursionError` (Pulumi issue 17803).

Restoring the class around each of our constructors changes nothing that Pulumi stores: our provider is
still serialized with the sorting in place, to the same bytes, and it adds no level. The levels that other
providers' resources add are kept, as they are without this package. What is restored is found by
identity, not by name or signature (Python 3.14 changed `_batch_setitems`'s), so when Pulumi puts the
pickler back itself, or stops patching it, there is nothing left to restore, and this does nothing.

Like Pulumi's own patching (which also swaps the module's `pickle.Pickler`), it assumes one thread builds
dynamic resources at a time, as a Pulumi program does on its event loop's thread.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["pickler_as_found"]


@contextmanager
def pickler_as_found() -> Iterator[None]:
    """On exit, `pickle.Pickler` and each attribute that `pickle._Pickler` had on entry are as they were."""
    pickler = pickle._Pickler
    attributes = vars(pickler)  # a live view of the class's namespace
    found = dict(attributes)
    module_pickler = pickle.Pickler
    try:
        yield
    finally:
        pickle.Pickler = module_pickler  # type: ignore[misc]
        for name, value in found.items():
            if attributes.get(name) is not value:
                setattr(pickler, name, value)

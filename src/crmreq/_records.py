"""Frozen dataclasses that are cheaper to define, for the model and the values.

`@dataclass(frozen=True)` writes six methods per class as source text and compiles each
one (`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`, `__delattr__`): the
model's 30 classes took ~27 ms at every start of `crmreq lint`. `@record` lets dataclasses
write only what must be per class (`__init__` and the frozen `__setattr__`/`__delattr__`)
and takes `__eq__`, `__hash__` and `__repr__` from `Record`, which behave as the generated
ones do: same fields (`compare`, `repr`), same results, same "..." for a recursive repr.
"""

from __future__ import annotations

import reprlib
from dataclasses import dataclass, fields


def record(cls):
    """`@dataclass(frozen=True)` for a subclass of `Record`."""
    if not cls.__doc__:   # dataclasses would build one with inspect.signature
        cls.__doc__ = f"{cls.__name__}(…)"
    return dataclass(frozen=True, eq=False, repr=False)(cls)


class Record:
    __slots__ = ()

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            names = _names(self.__class__)[0]
            return tuple([getattr(self, n) for n in names]) == tuple([getattr(other, n) for n in names])
        return NotImplemented

    def __hash__(self):
        return hash(tuple([getattr(self, n) for n in _names(self.__class__)[2]]))

    @reprlib.recursive_repr()
    def __repr__(self):
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in _names(self.__class__)[1])
        return f"{self.__class__.__qualname__}({shown})"


_NAMES: dict[type, tuple] = {}


def _names(cls) -> tuple:
    """(fields compared, fields shown by repr, fields hashed) of a record class."""
    names = _NAMES.get(cls)
    if names is None:
        every = fields(cls)
        names = _NAMES[cls] = (tuple(f.name for f in every if f.compare),
                               tuple(f.name for f in every if f.repr),
                               tuple(f.name for f in every if (f.compare if f.hash is None else f.hash)))
    return names

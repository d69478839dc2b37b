"""A layer column kept in a temporary file: a large run's map layers without their text held.

Why: at 100,000 articles the layers held as Python objects were the largest part of a
run's peak memory (issue 14: the incidents' sources with their evidence sentences, the
articles' titles and excerpts, the places' article lists: about 3 KB an article). A
:class:`StoredArray` is a pandas extension array whose values are serialised (marshal,
else pickle), one after another, into an unnamed temporary file (:class:`ColumnStore`); the array itself holds
one int64 per row, the row's item in the store. A value is read back when asked for,
so a layer stays a GeoDataFrame with every column of its contract, the filters and the
exports work on it as on any column, and what they write is the same: a value read back
equals the value put (lists stay lists, dicts dicts).

Selecting rows (a filter's mask, a sort, ``take``) makes a new array of row numbers over
the same store: nothing is copied or read. The store is written by the process that made
it only, so what is read back is what was written here. Pickled (a cache, a worker), an
array travels as its values.
"""

from __future__ import annotations

import marshal
import os
import pickle
import tempfile
import threading
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionArray, ExtensionDtype, take

__all__ = ["ColumnStore", "StoredArray", "StoredDtype", "as_objects"]

#: Bytes of pickles held in memory before they are written to the file.
_FLUSH_BYTES = 1 << 20
#: Rows read with one ``pread`` when iterating (neighbours in the file are read together).
_BLOCK_ROWS = 512
#: A block is read whole only when its rows span at most this many bytes of the file.
_BLOCK_BYTES = 8 << 20


class ColumnStore:
    """Values written one after another into an unnamed temporary file; read back by number.

    >>> store = ColumnStore()
    >>> a, b = store.add(["x", {"y": 1}]), store.add("z")
    >>> store.get(a), store.get(b), len(store)
    (['x', {'y': 1}], 'z', 2)
    """

    def __init__(self) -> None:
        self._file: Any = None
        self._offsets = array("q", [0])  # item i: the bytes from offsets[i] to offsets[i + 1]
        self._pending = bytearray()  # the last items' pickles, not yet in the file
        self._written = 0  # bytes in the file
        self._lock = threading.Lock()

    def add(self, value: Any) -> int:
        """Keep ``value``; its number."""
        data = _dumps(value)
        with self._lock:
            self._pending += data
            self._offsets.append(self._offsets[-1] + len(data))
            if len(self._pending) >= _FLUSH_BYTES:
                self._flush()
            return len(self._offsets) - 2

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def _flush(self) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="nes-column-")
        os.pwrite(self._file.fileno(), self._pending, self._written)
        self._written += len(self._pending)
        self._pending = bytearray()

    def _bytes(self, start: int, end: int) -> bytes:
        """The store's bytes from ``start`` to ``end`` (in the file, or still pending)."""
        with self._lock:
            if start >= self._written:
                return bytes(self._pending[start - self._written:end - self._written])
            if end > self._written:
                self._flush()
            return os.pread(self._file.fileno(), end - start, start)

    def get(self, item: int) -> Any:
        """The value kept as number ``item``."""
        return _loads(self._bytes(self._offsets[item], self._offsets[item + 1]))

    def get_many(self, items: Sequence[int]) -> Iterator[Any]:
        """The values of ``items`` in order, neighbours in the file read together."""
        for start in range(0, len(items), _BLOCK_ROWS):
            block = items[start:start + _BLOCK_ROWS]
            lo = min(self._offsets[i] for i in block)
            hi = max(self._offsets[i + 1] for i in block)
            if hi - lo > _BLOCK_BYTES:
                yield from (self.get(i) for i in block)
                continue
            data = memoryview(self._bytes(lo, hi))
            for i in block:
                yield _loads(data[self._offsets[i] - lo:self._offsets[i + 1] - lo])


def _dumps(value: Any) -> bytes:
    """``value`` as bytes: :mod:`marshal` for plain values (lists, dicts, strings, numbers:
    every layer column), else pickle. Why marshal: faster both ways, and pickling an Arabic
    string makes CPython keep a UTF-8 copy of it inside the string for as long as it lives
    (the layers' evidence, still held by the merged incidents while the layers are built)."""
    try:
        return b"m" + marshal.dumps(value)
    except ValueError:  # a value marshal does not take (a subclass, an object)
        return b"p" + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _loads(data: bytes | memoryview) -> Any:
    return marshal.loads(data[1:]) if data[:1] == b"m" else pickle.loads(data[1:])


class StoredDtype(ExtensionDtype):
    """The dtype of a :class:`StoredArray`: any Python value, kept in a file."""

    name = "stored"
    type = object
    kind = "O"
    na_value = None

    @classmethod
    def construct_array_type(cls) -> type[StoredArray]:
        return StoredArray


class StoredArray(ExtensionArray):
    """A column whose values wait in a :class:`ColumnStore` (see the module doc).

    >>> column = pd.Series(StoredArray.from_values([["a"], ["b", "c"], []]))
    >>> column[1], column.tolist(), len(column[column.map(len) > 0])
    (['b', 'c'], [['a'], ['b', 'c'], []], 2)
    """

    def __init__(self, store: ColumnStore, rows: np.ndarray) -> None:
        self._store = store
        self._rows = np.asarray(rows, dtype=np.int64)

    @classmethod
    def from_values(cls, values: Iterable[Any], store: ColumnStore | None = None) -> StoredArray:
        """The values, each kept in ``store`` (a new one by default)."""
        store = store if store is not None else ColumnStore()
        return cls(store, np.fromiter((store.add(v) for v in values), dtype=np.int64))

    # --- what pandas asks of an extension array -------------------------------------

    @classmethod
    def _from_sequence(cls, scalars: Iterable[Any], *, dtype: Any = None,
                       copy: bool = False) -> StoredArray:
        return cls.from_values(scalars)

    @classmethod
    def _from_factorized(cls, values: np.ndarray, original: StoredArray) -> StoredArray:
        return cls.from_values(values)

    @property
    def dtype(self) -> StoredDtype:
        return StoredDtype()

    @property
    def nbytes(self) -> int:
        return self._rows.nbytes

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, item: Any) -> Any:
        if pd.api.types.is_integer(item):
            return self._store.get(int(self._rows[item]))
        item = pd.api.indexers.check_array_indexer(self, item)
        return type(self)(self._store, self._rows[item])

    def __iter__(self) -> Iterator[Any]:
        return self._store.get_many(self._rows.tolist())

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        out = np.empty(len(self), dtype=object)
        for i, value in enumerate(self):  # one by one: a list value stays one cell
            out[i] = value
        return out if dtype in (None, object) else out.astype(dtype)

    def __eq__(self, other: Any) -> np.ndarray:  # type: ignore[override]
        if isinstance(other, pd.Series | pd.Index | pd.DataFrame):
            return NotImplemented
        others = other if isinstance(other, ExtensionArray | np.ndarray | list) else \
            [other] * len(self)
        return np.array([a == b for a, b in zip(self, others, strict=True)], dtype=bool)

    def map(self, mapper: Any, na_action: Any = None) -> np.ndarray:
        """``mapper`` of each value, as objects (never stored again: a mask, lengths)."""
        out = np.empty(len(self), dtype=object)
        for i, value in enumerate(self):
            out[i] = value if na_action == "ignore" and value is None else mapper(value)
        return out

    def isna(self) -> np.ndarray:
        return np.array([v is None for v in self], dtype=bool)

    def take(self, indices: Any, *, allow_fill: bool = False,
             fill_value: Any = None) -> StoredArray:
        fill = self._store.add(fill_value) if allow_fill else None
        rows = take(self._rows, indices, allow_fill=allow_fill, fill_value=fill)
        return type(self)(self._store, rows)

    def copy(self) -> StoredArray:
        return type(self)(self._store, self._rows.copy())

    @classmethod
    def _concat_same_type(cls, to_concat: Sequence[StoredArray]) -> StoredArray:
        stores = {id(a._store) for a in to_concat}
        if len(stores) == 1:
            return cls(to_concat[0]._store, np.concatenate([a._rows for a in to_concat]))
        return cls.from_values(v for a in to_concat for v in a)

    def _values_for_factorize(self) -> tuple[np.ndarray, Any]:
        return np.array([pickle.dumps(v) for v in self], dtype=object), None

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its values (a file does not travel)."""
        return (_from_values, (np.asarray(self),))

    def __setstate__(self, state: Any) -> None:  # pragma: no cover - __reduce__ is used
        raise TypeError("a StoredArray is pickled as its values")


def _from_values(values: np.ndarray) -> StoredArray:
    return StoredArray.from_values(values)


def as_objects(column: pd.Series) -> pd.Series:
    """``column`` as a plain object column (its values read back), any other as it is:
    for writers (GDAL) that take NumPy columns only."""
    if isinstance(column.dtype, StoredDtype):
        return pd.Series(np.asarray(column.array), index=column.index, dtype=object,
                         name=column.name)
    return column


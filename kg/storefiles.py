"""The files of a store folder beside the claim log: graph generations, the pointer to the
current one, and the lock that serializes writers.

A build never changes the graph that readers use. It writes a new generation
(``graphs/<n>/``), then points ``graph.json`` at it with one atomic rename; readers open the
generation the pointer names, read-only, so any number of them run side by side and during a
build, and they always see the last complete graph. The pointer also records the version of
the claim log the graph was derived from: a graph whose version is not the claim log's is
*stale* (a build was killed between saving its documents and regenerating the graph), and
the next build regenerates it.

Writers take an exclusive ``flock`` on ``write.lock``; the kernel releases it when a writer
dies, even by SIGKILL, so no stale lock is ever left behind.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import StoreError

POINTER = "graph.json"
GENERATIONS = "graphs"
LEGACY_GRAPH = "graph"  # stores made before generations: one graph folder, no pointer
LOCK = "write.lock"
KEEP_OLD = 1  # older generations kept for readers that opened them just before a swap


@dataclass(frozen=True)
class Pointer:
    folder: str | None  # relative to the store; None: no graph yet
    claims_version: int | None  # None: unknown (a legacy store): taken as current


def read_pointer(store: Path) -> Pointer:
    try:
        d = json.loads((store / POINTER).read_text(encoding="utf-8"))
        return Pointer(d["folder"], d.get("claims_version"))
    except FileNotFoundError:
        return Pointer(LEGACY_GRAPH if (store / LEGACY_GRAPH).is_dir() else None, None)
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise StoreError(f"{store / POINTER} is damaged ({e}); rebuild the store") from e


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_pointer(store: Path, pointer: Pointer) -> None:
    """Point the store at ``pointer`` atomically (a reader sees the old or the new one)."""
    tmp = store / (POINTER + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump({"folder": pointer.folder, "claims_version": pointer.claims_version}, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, store / POINTER)
    _fsync_dir(store)


def _generations(store: Path) -> list[Path]:
    root = store / GENERATIONS
    return (
        sorted((p for p in root.iterdir() if p.name.isdigit()), key=lambda p: int(p.name))
        if root.is_dir()
        else []
    )


def new_generation(store: Path) -> Path:
    """A fresh, empty folder for the next graph (left-overs of killed builds are removed)."""
    gens = _generations(store)
    current = read_pointer(store).folder
    n = int(gens[-1].name) + 1 if gens else 1
    for p in gens:  # a generation newer than the pointer's is what a killed build left
        if int(p.name) > _number(current or ""):
            shutil.rmtree(p, ignore_errors=True)
    folder = store / GENERATIONS / f"{n:06d}"
    folder.mkdir(parents=True)
    return folder


def _number(folder: str) -> int:
    name = Path(folder).name
    return int(name) if name.isdigit() else 0


def prune_generations(store: Path) -> None:
    """Remove the generations older than the current one but the last ``KEEP_OLD``."""
    current = read_pointer(store).folder
    if current is None:
        return
    older = [p for p in _generations(store) if int(p.name) < _number(current)]
    if current != LEGACY_GRAPH and (store / LEGACY_GRAPH).is_dir():
        older.insert(0, store / LEGACY_GRAPH)
    for p in older[: max(0, len(older) - KEEP_OLD)]:
        shutil.rmtree(p, ignore_errors=True)


_HELD: set[Path] = set()  # stores this process writes (a second flock of its own would wait forever)


class WriteLock:
    """The exclusive lock of a store's writers; ``on_wait(message)`` is told when another holds it."""

    def __init__(self, store: Path, on_wait: Callable[[str], None] | None = None):
        self.key = store.resolve()
        if self.key in _HELD:
            raise StoreError(f"{store} is already open for writing in this process (close it first)")
        self.file = open(store / LOCK, "a+")  # noqa: SIM115  (held for the writer's life)
        try:
            fcntl.flock(self.file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait(f"another build is writing {store}; waiting for it to finish ...")
            fcntl.flock(self.file, fcntl.LOCK_EX)
        _HELD.add(self.key)

    def release(self) -> None:
        if not self.file.closed:
            fcntl.flock(self.file, fcntl.LOCK_UN)
            self.file.close()
            _HELD.discard(self.key)

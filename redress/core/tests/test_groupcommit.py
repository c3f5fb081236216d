"""Group commit: every item is written exactly once, in batches when threads arrive together,
each thread returns only after its own item's batch was written, and a failure reaches exactly
the items it concerns."""

from __future__ import annotations

import threading
import time

import pytest

from redress.core.groupcommit import BatchWriterStopped, GroupCommit


class Item:
    def __init__(self, name: str) -> None:
        self.name = name
        self.error: BaseException | None = None
        self.written = False


class Disk:
    """A write function that takes a while, as a commit does, and remembers its batches."""

    def __init__(self, *, pause: float = 0.01) -> None:
        self.pause = pause
        self.batches: list[list[str]] = []
        self.lock = threading.Lock()

    def write(self, batch: list[Item]) -> None:
        time.sleep(self.pause)
        with self.lock:
            self.batches.append([item.name for item in batch])
        for item in batch:
            if item.name.startswith("bad"):
                item.error = ValueError(item.name)
            else:
                item.written = True


def submit_together(group: GroupCommit[Item], items: list[Item]) -> dict[str, BaseException]:
    """Each item from its own thread, all released at once; returns what each thread raised."""
    barrier = threading.Barrier(len(items))
    raised: dict[str, BaseException] = {}

    def run(item: Item) -> None:
        barrier.wait(timeout=10)
        try:
            group.submit(item)
            # The contract: back only once the item's batch has been written.
            assert item.written or item.error is not None
        except BaseException as error:
            raised[item.name] = error

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    return raised


def test_one_thread_writes_its_own_item():
    disk = Disk(pause=0)
    group = GroupCommit(disk.write)
    item = Item("a")
    group.submit(item)
    assert item.written
    assert disk.batches == [["a"]]


def test_concurrent_items_are_written_once_each_and_batched():
    disk = Disk()
    group = GroupCommit(disk.write)
    items = [Item(f"item{number}") for number in range(24)]
    assert submit_together(group, items) == {}
    written = [name for batch in disk.batches for name in batch]
    assert sorted(written) == sorted(item.name for item in items)
    assert len(disk.batches) < len(items)
    assert all(item.written for item in items)


def test_a_batch_is_never_larger_than_the_limit():
    disk = Disk()
    group = GroupCommit(disk.write, max_batch=3)
    items = [Item(f"item{number}") for number in range(12)]
    assert submit_together(group, items) == {}
    assert max(len(batch) for batch in disk.batches) <= 3
    assert sum(len(batch) for batch in disk.batches) == 12


def test_an_item_that_fails_alone_leaves_the_others_written():
    disk = Disk()
    group = GroupCommit(disk.write)
    items = [Item("bad1"), *(Item(f"good{number}") for number in range(7))]
    assert submit_together(group, items) == {}
    assert isinstance(items[0].error, ValueError)
    assert all(item.written and item.error is None for item in items[1:])


def test_a_write_that_raises_fails_its_whole_batch_and_the_next_batch_still_runs():
    failures = []

    def write(batch: list[Item]) -> None:
        if not failures:
            failures.append([item.name for item in batch])
            time.sleep(0.05)  # the others queue up behind this batch meanwhile
            raise ConnectionError("the database went away")
        for item in batch:
            item.written = True

    group = GroupCommit(write)
    items = [Item(f"item{number}") for number in range(8)]
    raised = submit_together(group, items)
    failed = set(failures[0])
    # The leader sees the exception itself; the others of its batch find it on their item.
    assert set(raised) <= failed
    for item in items:
        if item.name in failed:
            assert item.name in raised or isinstance(item.error, ConnectionError)
            assert not item.written
        else:
            assert item.written and item.error is None


def test_a_leader_stopped_by_a_base_exception_fails_its_followers_plainly():
    first_started, release_first = threading.Event(), threading.Event()

    def write(batch: list[Item]) -> None:
        names = [item.name for item in batch]
        if names == ["first"]:
            first_started.set()
            release_first.wait(timeout=10)
        elif "stopped" in names:
            raise KeyboardInterrupt  # as a worker timeout would stop a thread
        for item in batch:
            item.written = True

    group = GroupCommit(write)
    first, stopped, follower = Item("first"), Item("stopped"), Item("follower")
    raised: dict[str, BaseException] = {}

    def run(item: Item) -> None:
        try:
            group.submit(item)
        except BaseException as error:
            raised[item.name] = error

    threads = [threading.Thread(target=run, args=(first,))]
    threads[0].start()
    assert first_started.wait(timeout=10)
    # Both queue behind the first batch, so "stopped" leads the next one with "follower".
    for item in (stopped, follower):
        threads.append(threading.Thread(target=run, args=(item,)))
        threads[-1].start()
        time.sleep(0.05)
    release_first.set()
    for thread in threads:
        thread.join(timeout=10)
    assert first.written
    assert isinstance(raised["stopped"], KeyboardInterrupt)
    assert "follower" not in raised
    assert isinstance(follower.error, BatchWriterStopped)
    assert not follower.written


@pytest.mark.parametrize("max_batch", [1, 2, 16])
def test_no_item_waits_for_ever(max_batch):
    disk = Disk(pause=0.001)
    group = GroupCommit(disk.write, max_batch=max_batch)
    items = [Item(f"item{number}") for number in range(40)]
    assert submit_together(group, items) == {}
    assert all(item.written for item in items)

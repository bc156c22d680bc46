"""The cache is used when nothing changed, rebuilt on any change, and never fatal."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from belarus_cli.errors import DataError
from belarus_cli.kb import cache, store, yaml_reader
from belarus_cli.search.index import SearchIndex
from belarus_cli.search.ranking import search


def cache_files(kind: str = "") -> list[Path]:
    return sorted(Path(os.environ["BELARUS_CACHE_DIR"]).glob(f"{kind}*.marshal"))


def forbid_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("parsed the YAML although the cache was valid")

    monkeypatch.setattr(store, "_parse_and_validate", fail)


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that gains a 1 each time the YAML is parsed (the cache could not serve)."""
    calls: list[int] = []
    original = store._parse_and_validate

    def counted(*args: Any) -> Any:
        calls.append(1)
        return original(*args)

    monkeypatch.setattr(store, "_parse_and_validate", counted)
    return calls


def test_second_load_comes_from_cache(kb_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = store.load(kb_dir)
    assert len(cache_files("kb-")) == 1
    forbid_parsing(monkeypatch)
    second = store.load(kb_dir)
    assert [r.data for r in second] == [r.data for r in first]
    assert [r.file for r in second] == [r.file for r in first]


@pytest.mark.parametrize("trust_stat", [False, True], ids=["hashed", "stat-shortcut"])
def test_any_change_rebuilds_even_same_size_and_mtime(
    kb_dir: Path, monkeypatch: pytest.MonkeyPatch, trust_stat: bool
) -> None:
    """With the stat shortcut trusted too (racy guard off): the status-change time moves on every
    write and cannot be set back, as the modification time can."""
    if trust_stat:
        if os.name != "posix":
            pytest.skip("the stat shortcut is for POSIX file systems only")
        monkeypatch.setattr(cache, "RACY_NS", 0)
    store.load(kb_dir)
    path = kb_dir / "people.yaml"
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("journalist", "journalisT"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    person = store.load(kb_dir).get("roman-protasevich")
    assert person is not None and person.get("roles") == ["journalisT"]
    assert len(cache_files("kb-")) == 1  # the old cache was pruned


def test_new_file_rebuilds(kb_dir: Path) -> None:
    store.load(kb_dir)
    (kb_dir / "more.yaml").write_text(
        "events:\n  - {id: new-one, date: '2021', title: T, summary: S, section: '1'}\n", encoding="utf-8"
    )
    assert store.load(kb_dir).get("new-one") is not None


def test_other_code_at_the_same_version_rebuilds(kb_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A `git pull` into an editable install changes the code, not the version: the index built by
    the old code (its stem groups, say) must not be reused."""
    calls = count_parses(monkeypatch)
    store.load(kb_dir)
    monkeypatch.setattr(cache, "_code_signature", cache.code_signature() + b"\nsearch/index.py|1|2")
    store.load(kb_dir)
    assert len(calls) == 2


def test_the_code_signature_follows_each_file_and_ignores_bytecode(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    module = tmp_path / "search" / "index.py"
    module.write_text("A = 1\n", encoding="utf-8")
    before = cache.tree_signature(tmp_path)
    (tmp_path / "search" / "__pycache__").mkdir()
    (tmp_path / "search" / "__pycache__" / "index.cpython-311.pyc").write_bytes(b"compiled")
    assert cache.tree_signature(tmp_path) == before
    stat = module.stat()
    module.write_text("A = 2\n", encoding="utf-8")  # same size: the modification time tells
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert cache.tree_signature(tmp_path) != before
    assert b"search/index.py" in before.replace(b"\\", b"/")


def test_bad_data_is_never_cached(kb_dir: Path) -> None:
    (kb_dir / "bad.yaml").write_text("events: 3\n", encoding="utf-8")
    with pytest.raises(DataError):
        store.load(kb_dir)
    assert cache_files() == []


@pytest.mark.parametrize("damage", [b"", b"garbage", b"BELARUS-CACHE\x02" + b"\0" * 40])
def test_corrupt_cache_is_ignored(kb_dir: Path, damage: bytes) -> None:
    store.load(kb_dir)
    for path in cache_files():
        path.write_bytes(damage)
    assert store.load(kb_dir).get("roman-protasevich") is not None


@pytest.mark.parametrize("keep", [0.5, -8, -1])
def test_truncated_cache_is_ignored(kb_dir: Path, keep: float, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache cut short (half of it, only its end mark, one byte) is rebuilt, not half-read."""
    store.load(kb_dir)
    for path in cache_files():
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * keep)] if isinstance(keep, float) else data[:keep])
    calls = count_parses(monkeypatch)
    assert store.load(kb_dir).get("roman-protasevich") is not None
    assert calls == [1]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_cache_writable_by_others_is_ignored(kb_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store.load(kb_dir)
    for path in cache_files():
        path.chmod(0o666)
    calls = count_parses(monkeypatch)
    store.load(kb_dir)
    assert calls == [1]


def test_unwritable_cache_directory_is_skipped(kb_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be", encoding="utf-8")
    monkeypatch.setenv("BELARUS_CACHE_DIR", str(blocker / "cache"))
    assert store.load(kb_dir).get("roman-protasevich") is not None


def test_no_cache_setting(kb_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BELARUS_NO_CACHE", "1")
    store.load(kb_dir)
    assert cache_files() == []


def test_search_index_cached_gives_same_results(kb_dir: Path) -> None:
    kb = store.load(kb_dir)
    built = search(SearchIndex.for_kb(kb), "Pratasevich forced landing")
    assert cache_files("index-")
    cached_index = SearchIndex.for_kb(store.load(kb_dir))
    again = search(cached_index, "Pratasevich forced landing")
    assert [(h.record.id, h.score, h.via) for h in again] == [(h.record.id, h.score, h.via) for h in built]


def forbid_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(path: Path) -> object:
        raise AssertionError(f"read {path} although no file changed")

    monkeypatch.setattr(store, "read_bytes", fail)


@pytest.mark.skipif(os.name != "posix", reason="the stat shortcut is for POSIX file systems only")
def test_a_warm_start_reads_no_data_file(kb_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "RACY_NS", 0)  # the files were written just now: trust them anyway
    first = store.load(kb_dir)
    forbid_reading(monkeypatch)
    second = store.load(kb_dir)
    assert [r.data for r in second] == [r.data for r in first]


def test_files_changed_just_before_the_recording_are_hashed_again(
    kb_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A coarse clock could hide a second write within the same tick: such files are read again."""
    store.load(kb_dir)  # the fixture's files are seconds old at most
    reads: list[Path] = []
    original = yaml_reader.read_bytes

    def counted(path: Path) -> Any:
        reads.append(path)
        return original(path)

    monkeypatch.setattr(store, "read_bytes", counted)
    store.load(kb_dir)
    assert reads


def test_validate_always_parses_so_new_rules_apply_to_cached_data(
    kb_dir: Path, monkeypatch: pytest.MonkeyPatch, run: Any
) -> None:
    """The cache is keyed by the data, not by the rules: validate must not take its word."""
    store.load(kb_dir)
    parses = count_parses(monkeypatch)
    assert run("validate", data=kb_dir).exit_code == 0
    assert parses == [1]
    store.load(kb_dir)  # every other command is served by the cache
    assert parses == [1]


def reloaded_after_changing_the_cache(kb_dir: Path, monkeypatch: pytest.MonkeyPatch, old: bytes, new: bytes) -> Any:
    """Load (writing the cache), replace ``old`` with ``new`` in the cache file, load again: asserts the
    second load parsed the YAML once (the changed cache was refused and rebuilt), and returns it."""
    store.load(kb_dir)
    (path,) = cache_files("kb-")
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new))
    os.utime(path)
    parses = count_parses(monkeypatch)
    kb = store.load(kb_dir)
    assert parses == [1]  # rebuilt
    return kb


def test_a_changed_byte_inside_the_cache_is_never_shown_as_fact(kb_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 16: 'people' made 'PEOPLE' inside the cache was shown by `show`; a digest now ends the
    file, and a cache that fails it is rebuilt from the data."""
    kb = reloaded_after_changing_the_cache(kb_dir, monkeypatch, b"journalist", b"JOURNALIST")
    person = kb.get("roman-protasevich")
    assert person is not None and person.list("roles") == ["journalist"]


def test_a_fifo_at_the_cache_path_does_not_hang(kb_dir: Path) -> None:
    """Issue 16: a FIFO planted where the cache file goes hung every command for good."""
    store.load(kb_dir)
    (path,) = cache_files("kb-")
    path.unlink()
    os.mkfifo(path)
    import subprocess
    import sys

    command = [sys.executable, "-m", "belarus_cli", "--data", str(kb_dir), "show", "roman-protasevich"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)  # hung for good before
    assert done.returncode == 0 and "Roman Protasevich" in done.stdout, done.stderr


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("BELARUS_CACHE_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", ".")
    assert cache.cache_dir() == tmp_path / ".cache" / "belarus"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "belarus"


def test_a_killed_builds_temporary_file_is_cleaned_up(kb_dir: Path) -> None:
    directory = Path(os.environ["BELARUS_CACHE_DIR"])
    directory.mkdir(parents=True, exist_ok=True)
    left = directory / ".kb-abandoned.tmp"
    left.write_bytes(b"x" * 1024)
    fresh = directory / ".kb-running.tmp"
    fresh.write_bytes(b"y")
    old = os.stat(left).st_mtime - cache.STALE_SECONDS - 60
    os.utime(left, (old, old))
    store.load(kb_dir)
    assert not left.exists() and fresh.exists()  # only what no running build can still own


def test_a_changed_record_in_a_cache_too_large_to_check_whole_is_never_shown(tmp_path: Path) -> None:
    """Issue 16: a cache over CHECKED_BYTES was not checked at all, so a changed byte in it was shown as
    fact. Each record now has its own checksum: the corrupt cache is dropped and the command runs again
    from the data, with the right fact and exit 0. (CHECKED_BYTES set to 0 stands in for 100,000 records.)"""
    import subprocess
    import sys

    from .conftest import REAL_DATA

    env = {**os.environ, "BELARUS_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    script = (
        "import sys; import belarus_cli.kb.cache as c; c.CHECKED_BYTES = 0; from belarus_cli.cli.app import main; "
        "sys.argv = ['belarus', '--data', sys.argv[1], 'show', 'roman-protasevich', '-f', 'json']; main()"
    )
    command = [sys.executable, "-c", script, str(REAL_DATA)]
    first = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    assert "journalist" in first.stdout
    (path,) = (tmp_path / "cache").glob("kb-*.marshal")
    data = path.read_bytes()
    assert data.count(b"journalist and government critic") == 1
    path.write_bytes(data.replace(b"journalist and government critic", b"JOURNALIST and government critic"))
    again = subprocess.run(command, env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert "journalist and government critic" in again.stdout and "JOURNALIST" not in again.stdout
    assert again.stderr == ""
    assert b"JOURNALIST" not in path.read_bytes()  # dropped and written afresh


def test_a_changed_id_in_a_cache_too_large_to_check_whole_rebuilds_it(
    kb_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ids, names and index tables of a large cache are marshalled parts, each with its own CRC-32:
    a changed byte in them is a corrupt cache, rebuilt from the data, never a look-alike id."""
    monkeypatch.setattr(cache, "CHECKED_BYTES", 0)
    kb = reloaded_after_changing_the_cache(kb_dir, monkeypatch, b"roman-protasevich", b"roman-protasevicH")
    assert kb.get("roman-protasevich") is not None and kb.get("roman-protasevicH") is None

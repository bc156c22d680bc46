"""Read one YAML file into plain Python values that remember their line numbers.

Only plain data gets through. The file is *composed* (parsed into nodes, nothing constructed), then
walked here, so that:

- a tag (``!!python/object``, any ``!tag``) is refused before anything could be built from it;
- anchors and aliases are refused, which also stops "billion laughs" bombs without expanding them;
- a key repeated inside one mapping is refused (plain PyYAML silently keeps the last one);
- dates stay strings (``2021-05-23`` is not turned into a ``datetime.date``): the schema checks them.

PyYAML is imported inside ``parse_yaml_text`` so that commands that never load YAML do not pay for it.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from belarus_cli.output.escape import quoted

MAX_FILE_BYTES = 64 * 1024 * 1024  # far above any hand-written knowledge base; a clear limit beyond

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:timestamp",  # resolved but kept as text; the schema validates dates
}


class Lines:
    """Where each mapping and list of one file starts, and where each key or item is (1-based).

    Kept beside the values, keyed by object identity, so the values themselves stay plain dicts and
    lists (cheap to build, and ready for JSON and the cache).
    """

    def __init__(self) -> None:
        self._of: dict[int, tuple[int, Any]] = {}

    def add(self, container: Any, line: int, parts: Any) -> None:
        self._of[id(container)] = (line, parts)

    def line(self, container: Any, default: int = 0) -> int:
        found = self._of.get(id(container))
        return found[0] if found else default

    def key_lines(self, mapping: Any) -> dict[str, int]:
        found = self._of.get(id(mapping))
        return found[1] if found and isinstance(found[1], dict) else {}

    def item_lines(self, sequence: Any) -> list[int]:
        found = self._of.get(id(sequence))
        return found[1] if found and isinstance(found[1], list) else []


class YamlProblem(Exception):
    """A problem in one file: the line (1-based, 0 when unknown) and a message."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def read_bytes(path: Path) -> tuple[bytes | None, list[YamlProblem]]:
    """The file's bytes, or a problem: unreadable, or over the size limit (checked before reading)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // (1024 * 1024)
            return None, [YamlProblem(0, f"file is {size:,} bytes, over the {limit} MiB limit")]
        return path.read_bytes(), []
    except OSError as exc:
        return None, [YamlProblem(0, f"cannot read: {exc.strerror or exc}")]


def parse_yaml_bytes(raw: bytes) -> tuple[Any, list[YamlProblem], Lines]:
    """Decode as UTF-8 and parse; return (value, problems). Value is None when nothing could be read."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problem = YamlProblem(line, f"not UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")
        return None, [problem], Lines()
    return parse_yaml_text(text)


def parse_yaml_text(text: str) -> tuple[Any, list[YamlProblem], Lines]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    builder = _Builder(loader, text)
    try:
        builder.run()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        where = f" (column {mark.column + 1})" if mark else ""
        problem = exc.problem or exc.context or "not valid YAML"
        return None, [YamlProblem(line, f"YAML syntax error{where}: {problem}")], builder.lines
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow: say where, as a line
        before = text[: exc.position]
        line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        message = f"YAML syntax error (column {column}): character U+{code:04X} is not allowed in YAML"
        return None, [YamlProblem(line, message)], builder.lines
    except yaml.YAMLError as exc:
        return None, [YamlProblem(0, f"YAML syntax error: {' '.join(str(exc).split())}")], builder.lines
    finally:
        loader.dispose()
    return builder.result, builder.problems, builder.lines


# What a plain number or true/false may look like: anything else that YAML 1.1 reads as one changes
# meaning silently ("010" is 8, "1:30" is 90, "0x1F" is 31, "1_000" is 1000, "no" is false, ".inf").
# Patterns, compiled on first use by re's cache: a search from the cache never parses YAML.
_PLAIN_INT = r"-?(?:0|[1-9][0-9]*)"
_PLAIN_FLOAT = r"-?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?"
_MAX_DIGITS = 100  # past this a whole number is not data (Python refuses 4,300 digits with a crash)


def _changed_meaning(tag: str, value: str) -> str | None:
    if tag == "tag:yaml.org,2002:int" and not re.fullmatch(_PLAIN_INT, value):
        read = _yaml11_int(value)
        return f"{quoted(value)} would be read as the number {read}: write it in plain digits, or quote it"
    if tag == "tag:yaml.org,2002:int" and len(value) > _MAX_DIGITS:
        return f"a number of {len(value)} digits is not data: quote it if it is text"
    if tag == "tag:yaml.org,2002:float" and not re.fullmatch(_PLAIN_FLOAT, value):
        return f"{quoted(value)} is not a plain decimal number (YAML would read it as one): write digits, or quote it"
    if tag == "tag:yaml.org,2002:float" and not math.isfinite(float(value)):
        return f"{quoted(value)} is too large to be a number (it would be read as infinity): quote it if it is text"
    if tag == "tag:yaml.org,2002:bool" and value not in ("true", "false"):
        meant = "true" if value.lower() in ("yes", "y", "on", "true") else "false"
        return f"{quoted(value)} would be read as {meant}: write true or false, or quote it"
    return None


def _yaml11_int(value: str) -> str:
    import yaml

    try:
        return str(yaml.constructor.SafeConstructor().construct_object(yaml.ScalarNode("tag:yaml.org,2002:int", value)))
    except (ValueError, yaml.YAMLError):
        return "something else"


_NO_KEY = object()  # a mapping waiting for its next key
_SKIP = object()  # the next value belongs to a refused key: drop it


class _Refused:
    """A value refused while reading (a YAML 1.1 number, a comment cut): its problem is reported, so
    the record checker neither calls its field missing nor checks its type a second time."""

    def __repr__(self) -> str:
        return "<refused>"


REFUSED = _Refused()


class _Builder:
    """Builds values from the parser's events (cheaper than composing nodes), with line numbers.

    Aliases and tags are refused as they arrive, so an alias is never expanded.
    """

    def __init__(self, loader: Any, text: str = "") -> None:
        import yaml

        self.yaml = yaml
        self.loader = loader
        # Only lines holding a "#" can cut a plain value short, and most files have none.
        self.text_lines = text.splitlines() if "#" in text else []
        self.lines_with_hash = {number for number, line in enumerate(self.text_lines) if "#" in line}
        self.first_chars = set(loader.yaml_implicit_resolvers)
        self.resolved: dict[tuple[str, Any], str] = {}  # plain scalars repeat (every key of every record)
        self.problems: list[YamlProblem] = []
        self.lines = Lines()
        # One frame per open container: [container, pending key (mappings), start line, allowed, lines]
        self.stack: list[list[Any]] = []
        self.result: Any = None
        self.documents = 0
        self.constructor: Any = None

    def run(self) -> None:
        """Feed every event to its handler. One loop with the dispatch inline: a 26 MB knowledge base
        is two million events, and a call per event was a fifth of the parse."""
        yaml = self.yaml
        get_event = self.loader.get_event
        scalar, alias, end_of_stream = yaml.ScalarEvent, yaml.AliasEvent, yaml.StreamEndEvent
        mapping, sequence, document = yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.DocumentStartEvent
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        on_scalar, on_end = self._on_scalar, self._on_end
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar:
                on_scalar(event, event.start_mark.line + 1)
            elif kind in ends:
                on_end(event, event.start_mark.line + 1)
            elif kind is mapping:
                self._on_mapping(event, event.start_mark.line + 1)
            elif kind is sequence:
                self._on_sequence(event, event.start_mark.line + 1)
            elif kind is alias:
                self._on_alias(event, event.start_mark.line + 1)
            elif kind is document:
                self._on_document(event, event.start_mark.line + 1)
            elif kind is end_of_stream or event is None:
                return

    def _on_scalar(self, event: Any, line: int) -> None:
        value, tag = event.value, event.tag
        allowed = (event.anchor is None and tag is None) or self._check_node(event, line)
        if not event.style and value and self.lines_with_hash and event.end_mark.line in self.lines_with_hash:
            self._check_comment_after(event)  # plain (the C parser gives style "", the Python one None)
        if not allowed:
            value = None
        elif tag is not None or (event.implicit[0] and not (value and value[0] not in self.first_chars)):
            value = self._scalar(event, line)  # a tag, or plain text that may be a number, a bool or null
        self._attach(value, line, is_scalar=True)

    def _check_comment_after(self, event: Any) -> None:
        """A plain value followed by " #" on its line: YAML reads the rest as a comment, so a value such
        as "the coalition behind #freeviasna" is silently cut short. Refused; quoting keeps the "#"."""
        end = event.end_mark
        if end.line >= len(self.text_lines):
            return
        rest = self.text_lines[end.line][end.column :]
        if rest[:1] in (" ", "\t") and rest.lstrip().startswith("#"):
            cut = rest.strip()
            self.problems.append(
                YamlProblem(
                    end.line + 1,
                    f"{self._field()}{quoted(cut[:40])} after the plain value {quoted(event.value[-30:])} is read as "
                    "a comment and dropped: put the value in quotes if it belongs to it, or move the comment to its "
                    "own line",
                )
            )

    def _field(self) -> str:
        """ "title: " while the value of a mapping's key "title" is being read, so that a problem found in
        a value names its field (``file:line › id › field: problem``); "" elsewhere."""
        if self.stack and isinstance(self.stack[-1][1], str):
            return f"{self.stack[-1][1]}: "
        return ""

    def _on_mapping(self, event: Any, line: int) -> None:
        self.stack.append([{}, _NO_KEY, line, self._check_node(event, line), {}])

    def _on_sequence(self, event: Any, line: int) -> None:
        self.stack.append([[], None, line, self._check_node(event, line), []])

    def _on_end(self, event: Any, line: int) -> None:
        container, _, start, allowed, parts = self.stack.pop()
        if allowed:
            self.lines.add(container, start, parts)
        self._attach(container if allowed else None, start, is_scalar=False)

    def _on_alias(self, event: Any, line: int) -> None:
        self.problems.append(YamlProblem(line, "anchors and aliases (&name, *name) are not allowed"))
        self._attach(None, line, is_scalar=True)

    def _on_document(self, event: Any, line: int) -> None:
        self.documents += 1
        if self.documents == 2:
            self.problems.append(YamlProblem(line, "only one YAML document per file (remove the second ---)"))

    def _check_node(self, event: Any, line: int) -> bool:
        """False (and a problem) for an anchor or a tag: such a node is dropped."""
        if event.anchor is not None:
            self.problems.append(YamlProblem(line, f"anchors and aliases (&{event.anchor}) are not allowed"))
            return False
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _PLAIN_TAGS:
            self.problems.append(YamlProblem(line, f"YAML tag {quoted(tag)} is not allowed: plain data only"))
            return False
        return True

    def _scalar(self, event: Any, line: int) -> Any:
        value, tag = event.value, event.tag
        if tag is None or tag == "!":
            plain = event.implicit[0]
            if not plain or (value and value[0] not in self.first_chars):
                return value  # quoted, or cannot be anything but text
            known = (value, event.implicit)
            tag = self.resolved.get(known)
            if tag is None:
                tag = self.resolved[known] = self.loader.resolve(self.yaml.ScalarNode, value, event.implicit)
        if tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            return value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:merge":
            self.problems.append(YamlProblem(line, "merge keys (<<) are not allowed"))
            return _SKIP
        if tag not in _PLAIN_TAGS:
            self.problems.append(YamlProblem(line, f"YAML tag {quoted(tag)} is not allowed: plain data only"))
            return None
        message = _changed_meaning(tag, value)
        if message:
            self.problems.append(YamlProblem(line, self._field() + message))
            return REFUSED
        if self.constructor is None:
            self.constructor = self.yaml.constructor.SafeConstructor()
        # int, float and bool: PyYAML's safe constructor applies the YAML 1.1 rules (0x1F, 1_000, .inf).
        return self.constructor.construct_object(self.yaml.ScalarNode(tag, value))

    def _attach(self, value: Any, line: int, *, is_scalar: bool) -> None:
        if not self.stack:
            self.result = value
            return
        frame = self.stack[-1]
        container, key, parts = frame[0], frame[1], frame[4]
        if key is None:  # a list
            container.append(value)
            parts.append(line)
            return
        if key is _NO_KEY:  # this value is a key
            if value is _SKIP:
                frame[1] = _SKIP
            elif not is_scalar:
                self.problems.append(YamlProblem(line, "a mapping key must be plain text"))
                frame[1] = _SKIP
            else:
                name = str(value) if value is not None else "null"
                if name in parts:
                    self.problems.append(
                        YamlProblem(line, f"key {quoted(name)} repeated (first on line {parts[name]})")
                    )
                    frame[1] = _SKIP
                else:
                    parts[name] = line
                    frame[1] = name
            return
        if key is not _SKIP:
            container[key] = value
        frame[1] = _NO_KEY

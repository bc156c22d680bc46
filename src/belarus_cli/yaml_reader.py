"""Read one YAML file into plain Python values that remember their line numbers.

Only plain data gets through. The file is *composed* (parsed into nodes, nothing constructed), then
walked here, so that:

- a tag (``!!python/object``, any ``!tag``) is refused before anything could be built from it;
- anchors and aliases are refused, which also stops "billion laughs" bombs without expanding them;
- a key repeated inside one mapping is refused (plain PyYAML silently keeps the last one);
- dates stay strings (``2021-05-23`` is not turned into a ``datetime.date``): the schema checks them.

PyYAML is imported inside ``read_yaml`` so that commands that never load YAML do not pay for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


class LineDict(dict[str, Any]):
    """A mapping that knows the line of itself and of each of its keys (1-based)."""

    line: int
    key_lines: dict[str, int]


class LineList(list[Any]):
    """A sequence that knows its line and the line of each item (1-based)."""

    line: int
    item_lines: list[int]


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


def parse_yaml_bytes(raw: bytes) -> tuple[Any, list[YamlProblem]]:
    """Decode as UTF-8 and parse; return (value, problems). Value is None when nothing could be read."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [YamlProblem(line, f"not UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")]
    return parse_yaml_text(text)


def read_yaml(path: Path) -> tuple[Any, list[YamlProblem]]:
    raw, problems = read_bytes(path)
    return (None, problems) if raw is None else parse_yaml_bytes(raw)


def parse_yaml_text(text: str) -> tuple[Any, list[YamlProblem]]:
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        where = f" (column {mark.column + 1})" if mark else ""
        problem = exc.problem or exc.context or "not valid YAML"
        return None, [YamlProblem(line, f"YAML syntax error{where}: {problem}")]
    except yaml.YAMLError as exc:
        return None, [YamlProblem(0, f"YAML syntax error: {exc}")]
    finally:
        loader.dispose()
    if node is None:
        return None, []
    problems: list[YamlProblem] = []
    value = _Walker(problems).walk(node)
    return value, problems


class _Walker:
    def __init__(self, problems: list[YamlProblem]) -> None:
        self.problems = problems
        self.seen: set[int] = set()
        self.constructor: Any = None

    def walk(self, node: Any) -> Any:
        import yaml

        line = node.start_mark.line + 1
        if id(node) in self.seen:
            # The composer hands back the same node object for an alias: refuse it, never expand it.
            self.problems.append(YamlProblem(line, "anchors and aliases (&name, *name) are not allowed"))
            return None
        self.seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            self.problems.append(YamlProblem(line, f"YAML tag {node.tag!r} is not allowed: plain data only"))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, line)
        if isinstance(node, yaml.SequenceNode):
            result = LineList(self.walk(item) for item in node.value)
            result.line = line
            result.item_lines = [item.start_mark.line + 1 for item in node.value]
            return result
        return self._scalar(node)

    def _mapping(self, node: Any, line: int) -> LineDict:
        import yaml

        result = LineDict()
        result.line = line
        result.key_lines = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(YamlProblem(key_line, "merge keys (<<) are not allowed"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(YamlProblem(key_line, "a mapping key must be plain text"))
                continue
            key = str(key_node.value)
            if key in result.key_lines:
                first = result.key_lines[key]
                self.problems.append(YamlProblem(key_line, f"key {key!r} repeated (first on line {first})"))
                continue
            result.key_lines[key] = key_line
            result[key] = self.walk(value_node)
        return result

    def _scalar(self, node: Any) -> Any:
        tag, text = node.tag, node.value
        if tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            return text
        if tag == "tag:yaml.org,2002:null":
            return None
        # int, float and bool: PyYAML's safe constructor applies the YAML 1.1 rules (0x1F, 1_000, .inf).
        if self.constructor is None:
            import yaml

            self.constructor = yaml.constructor.SafeConstructor()
        return self.constructor.construct_object(node)

"""Meaning: a match for a researcher's own words when they share no word with the briefing.

The model is WordLlama's 256-dimension token embeddings (``l2_supercat_256``), which ship inside the
``wordllama`` wheel from PyPI: nothing is downloaded at run time. A text's vector is the mean of its
tokens' rows; a record's vector is taken over its searched text (curated keywords left out, so that
meaning does not rest on them) and kept twice: as 256 sign bits, to choose the records most alike a
query from all of them; and as 256 signed bytes, for the cosine of the few candidates that are ranked
(the sign bits alone lose some of what the vectors tell apart). The sign bits are kept as 256 bit
planes, one integer per dimension with a bit per record, so that counting every record's agreements
with a query is a few thousand operations on whole integers (``most_alike``), in pure Python, where a
bit count per record took 110 ms at 100,000 records.

Only WordLlama's files are used, not its Python package (which would import numpy, tokenizers and
pydantic on every search): the vocabulary from its tokenizer file, tokenised by longest match within
each word (close to its BPE for whole words, and the same on both sides), and the rows of its weights
file read where they lie. numpy, which the wheel brings, averages the records' rows when the index is
built. Licence: the wheel is MIT; its weights are derived from Llama 2's token embeddings, so Meta's
Llama 2 Community Licence applies to them too (see the README).
"""

from __future__ import annotations

import importlib.util
import itertools
import math
import operator
import struct
from array import array
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

DIMENSIONS = 256
BATCH = 512  # texts embedded per numpy call when an index is built (a few MB of rows at a time)
WEIGHTS = ("weights", "l2_supercat_256.safetensors")
VOCABULARY = ("tokenizers", "l2_supercat_tokenizer_config.json")
WORD_START = "▁"  # SentencePiece's mark for the start of a word


def model_dir() -> Path | None:
    """Where the wordllama wheel keeps its files, found without importing the package."""
    spec = importlib.util.find_spec("wordllama")
    locations = list(spec.submodule_search_locations or []) if spec else []
    found = [Path(p) for p in locations if (Path(p).joinpath(*WEIGHTS)).is_file()]
    return found[0] if found else None


def _weights_offset(path: Path) -> int:
    """Where the float16 matrix starts in the safetensors file (8-byte header length, JSON header)."""
    import json

    with open(path, "rb") as handle:
        (length,) = struct.unpack("<Q", handle.read(8))
        header = json.loads(handle.read(length))
    (tensor,) = (value for key, value in header.items() if key != "__metadata__")
    if tensor["dtype"] != "F16" or tensor["shape"][1] != DIMENSIONS:
        raise ValueError(f"unexpected WordLlama weights: {tensor['dtype']} {tensor['shape']}")
    return 8 + int(length) + int(tensor["data_offsets"][0])


@lru_cache(maxsize=1)
def _vocabulary(directory: Path) -> dict[str, int]:
    import json

    config = json.loads(directory.joinpath(*VOCABULARY).read_text(encoding="utf-8"))
    vocabulary: dict[str, int] = config["model"]["vocab"]
    return vocabulary


@lru_cache(maxsize=1)  # once per process: a run that builds several indexes reads the weights once
def _matrix(path: str, offset: int) -> Any:
    import numpy as np

    return np.fromfile(path, dtype="<f2", offset=offset).reshape(-1, DIMENSIONS)  # float16: 16 MB


class Pieces:
    """The model's vocabulary (word piece -> token id). Kept in the cache as buckets by a piece's first
    three characters, one string each, so that a search unpacks only the buckets its words touch: the
    whole dictionary (32,000 pieces) took 21 ms to restore, more than the search itself."""

    PREFIX = 3

    def __init__(self, buckets: dict[str, str], longest: int, whole: dict[str, int] | None = None) -> None:
        self.buckets = buckets  # first characters -> "piece\0id\0piece\0id..."
        self.longest = longest  # the longest piece's length
        self._whole = whole  # the full dictionary, when at hand (building)
        self._open: dict[str, dict[str, int]] = {}

    @classmethod
    def of(cls, vocabulary: dict[str, int]) -> Pieces:
        grouped: dict[str, list[str]] = {}
        for piece, token in vocabulary.items():
            grouped.setdefault(piece[: cls.PREFIX], []).extend((piece, str(token)))
        buckets = {key: "\0".join(items) for key, items in grouped.items()}
        return cls(buckets, max(map(len, vocabulary), default=1), vocabulary)

    def get(self, piece: str) -> int | None:
        if self._whole is not None:
            return self._whole.get(piece)
        key = piece[: self.PREFIX]
        bucket = self._open.get(key)
        if bucket is None:
            items = self.buckets.get(key, "").split("\0")
            bucket = self._open[key] = dict(zip(items[::2], map(int, items[1::2]), strict=True)) if items[0] else {}
        return bucket.get(piece)

    def __getitem__(self, piece: str) -> int:
        found = self.get(piece)
        if found is None:
            raise KeyError(piece)
        return found

    def state(self) -> list[Any]:
        return [self.buckets, self.longest]


class QueryMeaning(NamedTuple):
    bits: int  # the query's sign bits
    unit: list[float]  # its vector, of length 1


# Per text: sign bits, 256 signed bytes, 1 / their length (bytes-like and a sequence of floats: views
# of the mapped cache once restored).
Vectors = tuple[list[int], Any, Any]


class SignPlanes:
    """The records' sign bits by dimension: plane d holds bit r set when record r's vector is positive
    in dimension d. Kept in the cache as 256 runs of bytes, each made an integer the first time a
    query needs it."""

    def __init__(self, count: int, packed: Any) -> None:
        self.count = count  # records
        self.width = (count + 7) // 8  # bytes per plane
        if len(packed) != DIMENSIONS * self.width:
            raise ValueError("the cached sign planes are of another shape")
        self.packed = packed
        self._planes: list[int] | None = None

    @classmethod
    def of(cls, bits: list[int]) -> SignPlanes:
        """From each record's sign bits (an int, dimension d at bit d): the transpose, with numpy (the
        index is being built, so numpy is loaded already)."""
        import numpy as np

        signs = np.frombuffer(b"".join(b.to_bytes(DIMENSIONS // 8, "little") for b in bits), dtype=np.uint8)
        by_record = np.unpackbits(signs.reshape(len(bits), DIMENSIONS // 8), axis=1, bitorder="little")
        planes = np.packbits(by_record.T, axis=1, bitorder="little")  # DIMENSIONS rows of width bytes
        return cls(len(bits), planes.tobytes() if len(bits) else b"")

    @property
    def planes(self) -> list[int]:
        if self._planes is None:
            view = memoryview(self.packed)
            width = self.width
            self._planes = [int.from_bytes(view[d * width : (d + 1) * width], "little") for d in range(DIMENSIONS)]
        return self._planes

    def signs_of(self, record: int) -> int:
        """Record ``record``'s sign bits, as ``QueryMeaning.bits`` holds a query's."""
        return _pack((plane >> record) & 1 for plane in self.planes)

    def most_alike(self, bits: int, wanted: int) -> set[int]:
        """The ``wanted`` records whose signs agree with ``bits`` in the most dimensions (at a tie, the
        earliest records). Every record's count of agreements is added up at once, as a binary number
        kept a bit per integer (digit j: the records whose count has bit j set), then the cut-off count
        is found from the top digit down."""
        everyone = (1 << self.count) - 1
        digits: list[int] = [0] * (DIMENSIONS.bit_length())  # counts go up to 256: nine binary digits
        for dimension, plane in enumerate(self.planes):
            carry = plane if bits >> dimension & 1 else plane ^ everyone  # the records that agree here
            position = 0
            while carry:  # add one to the count of each record in carry, digit by digit
                digit = digits[position]
                digits[position], carry = digit ^ carry, digit & carry
                position += 1
        above, level = 0, everyone  # records over the cut-off; records equal to it in the digits so far
        for digit in reversed(digits):
            ones = level & digit
            if (above | ones).bit_count() >= wanted:
                level = ones
            else:
                above |= ones
                level &= ~digit
        chosen = set(_set_bits(above))
        chosen.update(itertools.islice(_set_bits(level), wanted - len(chosen)))  # ties: the earliest records
        return chosen


def _set_bits(bits: int) -> Iterator[int]:
    """The positions of the bits set in ``bits``, lowest first."""
    while bits:
        lowest = bits & -bits
        yield lowest.bit_length() - 1
        bits ^= lowest


class Meaning:
    """The records' vectors and what it takes to embed a query: a vocabulary and the weights."""

    def __init__(
        self,
        vocabulary: Pieces,
        vectors: Vectors | tuple[SignPlanes, Any, Any],
        weights: str,
        offset: int,
    ) -> None:
        self.vocabulary = vocabulary
        # Per record, in the index's record order: sign bits (a list of ints while building, then the
        # planes), signed bytes and scales.
        signs, self.rows, self.scales = vectors
        self._bits: list[int] = signs if isinstance(signs, list) else []
        self._planes: SignPlanes | None = None if isinstance(signs, list) else signs
        self.weights = weights  # the weights file's path, read a row at a time
        self.offset = offset
        self._seen: dict[str, list[int]] = {}

    @classmethod
    def build(cls, texts: Iterable[str]) -> Meaning | None:
        """Vectors for ``texts`` (one per record); None when the model's files are not installed."""
        meaning = cls.empty()
        if meaning is not None:
            meaning.extend(meaning.vectors_of(texts))
        return meaning

    @classmethod
    def empty(cls) -> Meaning | None:
        """The model with no records yet (their bits come from ``bits_of``, maybe in worker processes)."""
        directory = model_dir()
        if directory is None:
            return None
        path = directory.joinpath(*WEIGHTS)
        return cls(Pieces.of(_vocabulary(directory)), ([], bytearray(), []), str(path), _weights_offset(path))

    def vectors_of(self, texts: Iterable[str]) -> Vectors:
        """Each text's vector, the mean of its tokens' rows (numpy, when the index is built): as sign
        bits packed little-endian into one int, and as signed bytes scaled so the largest is 127.
        Worked out a batch of texts at a time: numpy's cost is per call, not per row."""
        import numpy as np

        # Converted whole, once (32 MB): converting each batch's gathered rows cost 1 s of a
        # 100,000-record build, for rows that repeat.
        matrix = _matrix(self.weights, self.offset).astype(np.float32)
        bits: list[int] = []
        rows: list[bytes] = []
        scales: list[float] = []
        pending = iter(texts)
        while batch := [self.token_ids(text) for text in itertools.islice(pending, BATCH)]:
            counts = np.array([len(ids) for ids in batch], dtype=np.int64)
            flat = np.fromiter(itertools.chain.from_iterable(batch), dtype=np.int64, count=int(counts.sum()))
            sums = np.zeros((len(batch), DIMENSIONS), np.float32)
            # One sum per text over its slice of the rows: np.add.reduceat took six times as long (a third
            # of a 100,000-record build). Its additions come in another order, so a sum may differ in
            # its last bit; the shipped records' vectors do not.
            rows_read = matrix[flat]
            start = 0
            for text, count in enumerate(counts.tolist()):
                if count:
                    rows_read[start : start + count].sum(axis=0, out=sums[text])
                start += count
            vectors = sums / np.maximum(counts, 1)[:, None]
            signs = np.packbits(vectors > 0, axis=1, bitorder="little")
            bits.extend(int.from_bytes(row.tobytes(), "little") for row in signs)
            peaks = np.abs(vectors).max(axis=1)
            peaks[peaks == 0] = 1.0
            quantised = np.round(vectors * (127 / peaks)[:, None]).astype(np.int8)
            lengths = np.linalg.norm(quantised.astype(np.float32), axis=1)
            lengths[lengths == 0] = 1.0
            rows.append(quantised.tobytes())
            scales.extend((1 / lengths).tolist())
        return bits, b"".join(rows), scales

    @property
    def count(self) -> int:
        return self._planes.count if self._planes is not None else len(self._bits)

    @property
    def signs(self) -> SignPlanes:
        if self._planes is None:
            self._planes = SignPlanes.of(self._bits)
        return self._planes

    def extend(self, vectors: Vectors) -> None:
        bits, packed, scales = vectors
        self._planes = None
        self._bits.extend(bits)
        self.rows += packed  # a bytearray while building: extended in place
        self.scales.extend(scales)  # (only while building: restored vectors are read-only views)

    def state(self) -> list[Any]:
        """For the cache: the small parts marshalled, then the vectors' bytes and their scales raw."""
        from belarus_cli.kb.cache import Raw, RawStream

        head = [self.vocabulary.state(), self.count, self.weights, self.offset]
        return [head, Raw(self.signs.packed), RawStream([self.rows]), Raw(array("d", self.scales).tobytes())]

    @classmethod
    def restore(cls, state: list[Any]) -> Meaning | None:
        head, planes, rows, scales = state
        if not head:
            return None
        (buckets, longest), count, weights, offset = head
        if not Path(weights).is_file():
            raise ValueError("the WordLlama weights have moved: rebuild")
        by_record = memoryview(scales).cast("d")
        if len(rows) != count * DIMENSIONS or len(by_record) != count:
            raise ValueError("the cached vectors are of another shape")
        return cls(Pieces(buckets, longest), (SignPlanes(count, planes), rows, by_record), weights, offset)

    @staticmethod
    def absent() -> list[Any]:
        """What ``state`` gives when there is no model, so the cache keeps one layout."""
        from belarus_cli.kb.cache import Raw

        return [[], Raw(b""), Raw(b""), Raw(b"")]

    def token_ids(self, text: str) -> list[int]:
        """Longest vocabulary pieces, left to right, within each word (unknown characters skipped)."""
        seen = self._seen  # looked up here, not through _word_ids: a call per word was a fifth of embedding
        return [token for word in text.split() for token in (seen.get(word) or self._word_ids(word))]

    def _word_ids(self, word: str) -> list[int]:
        found = self._seen.get(word)  # words repeat across records: each is split once
        if found is None:
            found = self._seen[word] = [self.vocabulary[p] for p in self._pieces(WORD_START + word)]
        return found

    def knows(self, word: str) -> bool:
        """A word the model can read: it starts with a word piece of three letters or more and takes at
        most three pieces ("reporter" is report+er), where "zzzzqqqq" falls apart into scraps."""
        for form in (word, word.lower()):
            pieces = self._pieces(WORD_START + form)
            if pieces and len(pieces[0]) >= 4 and len(pieces) <= 3:
                return True
        return False

    def _pieces(self, piece: str) -> list[str]:
        found: list[str] = []
        start = 0
        while start < len(piece):
            for end in range(min(len(piece), start + self.vocabulary.longest), start, -1):
                if self.vocabulary.get(piece[start:end]) is not None:
                    found.append(piece[start:end])
                    start = end
                    break
            else:
                start += 1
        return found

    def query(self, words: list[str]) -> QueryMeaning | None:
        """The query's vector, from the rows of its words' tokens; None unless some word is one the
        model knows whole ("zzzzqqqq" means nothing, and must not be given a meaning)."""
        if not any(len(word) >= 3 and self.knows(word) for word in words):
            return None
        ids = self.token_ids(" ".join(words))
        total = [0.0] * DIMENSIONS
        row = struct.Struct(f"<{DIMENSIONS}e")
        with open(self.weights, "rb") as handle:
            for token in ids:
                handle.seek(self.offset + token * row.size)
                for dimension, value in enumerate(row.unpack(handle.read(row.size))):
                    total[dimension] += value
        length = math.sqrt(sum(value * value for value in total)) or 1.0
        return QueryMeaning(_pack(value > 0 for value in total), [value / length for value in total])

    def most_alike(self, query: QueryMeaning, wanted: int) -> set[int]:
        """The ``wanted`` records whose sign bits agree most with the query's: cheap enough over every
        record, to choose the candidates that share no word with the query."""
        return self.signs.most_alike(query.bits, wanted)

    def cosine(self, query: QueryMeaning, record: int) -> float:
        """The cosine of the query's vector and a record's, from its signed bytes: for candidates."""
        start = record * DIMENSIONS
        row = memoryview(self.rows)[start : start + DIMENSIONS].cast("b")  # signed, read in place
        scale: float = self.scales[record]
        dot: float = sum(map(operator.mul, query.unit, row))  # sum, not math.fsum: cheaper, and as repeatable
        return dot * scale


def _pack(signs: Iterable[Any]) -> int:
    bits = 0
    for position, positive in enumerate(signs):
        if positive:
            bits |= 1 << position
    return bits

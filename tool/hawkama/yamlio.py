"""Safe YAML loading that keeps line marks, and atomic writes.

Only the safe constructors are used (the C loader where available). The node tree is
kept so that every later validation error can point at ``file:line:col``.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from hawkama.errors import InputError, Problem
from hawkama.files import max_file_bytes, read_bounded
from hawkama.yamlplain import plain_data

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_NODES = 200_000
MAX_DEPTH = 64
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """SafeLoader with YAML 1.2 booleans: only true/false, never yes/no/on/off.

    PyYAML follows YAML 1.1, where an option id `no` silently becomes False and then
    fails to match. Committees write `yes`/`no` as answers all the time, so they stay
    strings here.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
assert not _Loader.yaml_path_resolvers  # _Loader.resolve below relies on there being none

# The tag of each short plain scalar seen (PyYAML's resolver tries a list of regular
# expressions per scalar, from Python, for every node the C parser makes): an answer
# file repeats the same few option ids thousands of times (issue #18).
_RESOLVED: dict[str, str] = {}
_RESOLVED_MAX = 10_000


def _resolve(self: _Loader, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
    """PyYAML's Resolver.resolve for a loader without path resolvers, memoised."""
    if kind is yaml.ScalarNode:
        return implicit_tag(value) if implicit[0] else _STR
    return _SEQ if kind is yaml.SequenceNode else _MAP


def implicit_tag(value: str) -> str:
    """The tag _Loader gives the plain scalar ``value`` (PyYAML's Resolver.resolve)."""
    tag = _RESOLVED.get(value)
    if tag is None:
        table = _Loader.yaml_implicit_resolvers
        tag = next(
            (
                t
                for t, regexp in table.get(value[:1], []) + table.get(None, [])
                if regexp.match(value)
            ),
            _STR,
        )
        if len(value) <= 64 and len(_RESOLVED) < _RESOLVED_MAX:
            _RESOLVED[value] = tag
    return tag


def _no_path_resolvers(self: _Loader, *_: Any) -> None:
    """PyYAML's descend/ascend_resolver do nothing without path resolvers; skip the call."""


_Loader.resolve = _resolve
_Loader.descend_resolver = _no_path_resolvers
_Loader.ascend_resolver = _no_path_resolvers


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: the plain data and the node tree it came from.

    A file read by the plain reader (yamlplain) has its tree composed from ``text``
    only when a position is asked for (``lazy``): most files never need one.
    """

    path: Path
    data: Any
    node: yaml.Node | None
    text: str
    lazy: bool = False

    def tree(self) -> yaml.Node | None:
        """The node tree, composed now if the file was read without one."""
        if self.lazy:
            loader = _Loader(self.text)
            try:
                node = loader.get_single_node()
            except yaml.YAMLError:  # not expected: the plain reader read it
                node = None
            finally:
                loader.dispose()
            object.__setattr__(self, "node", node)
            object.__setattr__(self, "lazy", False)
        return self.node

    def locate(self, loc: tuple[str | int, ...]) -> tuple[int | None, int | None]:
        """Return the 1-based line and column of the value at ``loc``.

        Parts of ``loc`` that are not keys of the data (pydantic adds union member
        names, for instance) are skipped; a missing key keeps its parent's position.
        """
        return locate(self.tree(), loc)

    def locate_key(self, loc: tuple[str | int, ...]) -> tuple[int | None, int | None]:
        """Position of the last key of ``loc`` itself (for unknown keys)."""
        if not loc or not isinstance(loc[-1], str):
            return self.locate(loc)
        parent = _node_at(self.tree(), loc[:-1])
        line, col = key_mark(parent, loc[-1])
        return (line, col) if line is not None else self.locate(loc)


def locate(node: yaml.Node | None, loc: tuple[str | int, ...]) -> tuple[int | None, int | None]:
    if node is None:
        return None, None
    best = node
    for part in loc:
        nxt: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    nxt = value
                    break
            if nxt is None:
                continue  # pydantic's union tags and the like: not a key
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            nxt = node.value[part]
        if nxt is None:
            break
        node = best = nxt
    return best.start_mark.line + 1, best.start_mark.column + 1


def _node_at(node: yaml.Node | None, loc: tuple[str | int, ...]) -> yaml.Node | None:
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            node = next(
                (
                    v
                    for k, v in node.value
                    if isinstance(k, yaml.ScalarNode) and k.value == str(part)
                ),
                None,
            )
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            node = node.value[part]
        else:
            return None
    return node


def key_mark(node: yaml.Node | None, key: str) -> tuple[int | None, int | None]:
    """Position of a key itself (not its value) in a mapping node."""
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k.start_mark.line + 1, k.start_mark.column + 1
    return None, None


def _problem(path: Path, line: int | None, col: int | None, message: str) -> InputError:
    return InputError(Problem(str(path), line, col, "", message))


def read_text(path: Path, max_bytes: int | None = None) -> str:
    """Read a UTF-8 text file with a size limit; a BOM and CRLF line ends are accepted."""
    raw = read_bounded(path, max_file_bytes() if max_bytes is None else max_bytes)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _problem(
            path,
            line,
            None,
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8",
        ) from None
    return text.replace("\r\n", "\n")


class _Unusual(Exception):
    """The plain walk met something only the full walk handles (and reports)."""


_ScalarNode = yaml.ScalarNode
_MappingNode = yaml.MappingNode
_SequenceNode = yaml.SequenceNode
# The tags of scalars the plain walk builds itself, each by PyYAML's safe constructor.
_PLAIN_SCALARS = {
    tag: _Loader.yaml_constructors[tag]
    for tag in (
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:timestamp",
    )
}
_INT = "tag:yaml.org,2002:int"


def _plain_scalar(node: yaml.ScalarNode, constructor: Any) -> Any:
    construct = _PLAIN_SCALARS.get(node.tag)
    if construct is None or (node.tag == _INT and len(node.value) > MAX_INT_DIGITS):
        raise _Unusual
    try:
        return construct(constructor, node)
    except Exception:  # the full walk says what is wrong with it
        raise _Unusual from None


_CONSTRUCTOR = yaml.constructor.SafeConstructor()  # its scalar constructors keep no state


def typed_scalar(value: str) -> Any:
    """The plain scalar ``value`` as _Loader and _construct build it (ValueError if refused)."""
    tag = implicit_tag(value)
    if tag == _STR:
        return value
    try:
        return _plain_scalar(yaml.ScalarNode(tag, value), _CONSTRUCTOR)
    except _Unusual:  # reported with its position by the full reader
        raise ValueError(value) from None


def _plain(node: yaml.Node, depth: int, loader: _Loader, count: list[int]) -> Any:
    """The data of a collection node in a tree without anchors (so nothing is shared).

    What `_construct` builds, without its per-node memo and bookkeeping: scalars are
    built inline, only collections recurse. Anything that `_construct` would refuse
    or report raises _Unusual, and the caller then runs `_construct` itself.
    """
    if depth >= MAX_DEPTH:
        raise _Unusual
    items = node.value
    if type(node) is _MappingNode and node.tag == _MAP:
        count[0] += 2 * len(items)
        out: dict[Any, Any] = {}
        for key_node, value_node in items:
            if type(key_node) is not _ScalarNode:
                raise _Unusual
            key = key_node.value if key_node.tag == _STR else _plain_scalar(key_node, loader)
            if key in out:
                raise _Unusual
            if type(value_node) is _ScalarNode:
                out[key] = (
                    value_node.value
                    if value_node.tag == _STR
                    else _plain_scalar(value_node, loader)
                )
            else:
                out[key] = _plain(value_node, depth + 1, loader, count)
        return out
    if type(node) is _SequenceNode and node.tag == _SEQ:
        count[0] += len(items)
        seq: list[Any] = []
        append = seq.append
        for item in items:
            if type(item) is _ScalarNode:
                append(item.value if item.tag == _STR else _plain_scalar(item, loader))
            else:
                append(_plain(item, depth + 1, loader, count))
        return seq
    raise _Unusual


def _construct(path: Path, root: yaml.Node, loader: _Loader, anchors: bool = True) -> Any:
    """Build plain data from the node tree, refusing what the data must not contain.

    One walk does what PyYAML's constructor does for our documents (mappings,
    sequences, scalars) and also refuses duplicate keys, alias bombs (the size is
    counted as expanded, with each shared node measured once) and absurd nesting.
    Scalars with other tags (numbers, dates, ...) go to PyYAML's safe constructor;
    merge keys and collection tags such as !!set are refused: our formats do not use
    them, and they would escape the size count.

    Without ``anchors`` in the text (most files), a leaner walk builds the same data
    first and this one runs only when that walk meets something to refuse.
    """
    if not anchors and type(root) is not _ScalarNode:
        count = [1]
        try:
            data = _plain(root, 0, loader, count)
        except _Unusual:
            pass
        else:
            if count[0] <= MAX_NODES:  # then no part of it is larger either
                return data
    problems: list[Problem] = []
    built: dict[int, tuple[Any, int]] = {}

    def refuse(node: yaml.Node, message: str) -> InputError:
        mark = node.start_mark
        key = _key_path(root, node)
        return InputError(Problem(str(path), mark.line + 1, mark.column + 1, key, message))

    def build(node: yaml.Node, depth: int) -> tuple[Any, int]:
        done = built.get(id(node))
        if done is not None:
            return done
        if depth > MAX_DEPTH:
            raise refuse(node, f"nesting deeper than {MAX_DEPTH} levels")
        size = 1
        value: Any
        if isinstance(node, yaml.ScalarNode):
            value = node.value if node.tag == _STR else _scalar(node, loader, refuse)
        elif isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            value = []
            built[id(node)] = (value, 1)  # a recursive alias sees the list being built
            for item in node.value:
                v, n = build(item, depth + 1)
                value.append(v)
                size += n
        elif isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            value = {}
            built[id(node)] = (value, 1)
            first: dict[Any, yaml.Node] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise refuse(key_node, "merge keys (<<) are not supported; write the keys out")
                key, n = build(key_node, depth + 1)
                if isinstance(key, list | dict):
                    raise refuse(key_node, "a mapping key must be a single value")
                if key in first:
                    line = first[key].start_mark.line + 1
                    problems.append(
                        Problem(
                            str(path),
                            key_node.start_mark.line + 1,
                            key_node.start_mark.column + 1,
                            "",
                            f"duplicate key {key_node.value!r} (first given on line {line}); "
                            "each key may appear once in a mapping",
                        )
                    )
                    continue
                first[key] = key_node
                v, m = build(value_node, depth + 1)
                value[key] = v
                size += n + m
        else:
            raise refuse(node, f"the YAML tag {node.tag} is not supported here")
        if size > MAX_NODES:
            raise refuse(
                node,
                f"the document expands to more than {MAX_NODES:,} values "
                "(too many aliases or a very large file)",
            )
        built[id(node)] = (value, size)
        return value, size

    data, _ = build(root, 0)
    if problems:
        raise InputError(problems)
    return data


def _key_path(root: yaml.Node, target: yaml.Node) -> str:
    """The dotted key path of ``target`` under ``root`` (searched only when reporting)."""
    stack: list[tuple[yaml.Node, str]] = [(root, "")]
    seen: set[int] = set()
    while stack:
        node, where = stack.pop()
        if node is target:
            return where
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                name = str(k.value) if isinstance(k, yaml.ScalarNode) else "?"
                stack.append((v, f"{where}.{name}" if where else name))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((v, f"{where}[{i}]") for i, v in enumerate(node.value))
    return ""


_KIND = {
    "tag:yaml.org,2002:timestamp": "a date or time",
    "tag:yaml.org,2002:int": "an integer",
    "tag:yaml.org,2002:float": "a number",
}
MAX_INT_DIGITS = 100


def _scalar(node: yaml.ScalarNode, loader: _Loader, refuse: Any) -> Any:
    """A number, date or other tagged scalar; an impossible one is a located error.

    PyYAML's constructors raise ValueError for `2026-02-30` or `T25:61` and for
    integers past Python's 4,300-digit conversion limit; those must not escape as
    tracebacks. No answer or weight needs more than a hundred digits.
    """
    if node.tag == "tag:yaml.org,2002:int" and len(node.value) > MAX_INT_DIGITS:
        raise refuse(
            node,
            f"an integer of {len(node.value):,} characters; numbers are limited to "
            f"{MAX_INT_DIGITS} digits (quote it to keep it as text)",
        )
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError) as exc:
        kind = _KIND.get(node.tag, "a value")
        value = node.value if len(node.value) <= 40 else node.value[:40] + "..."
        why = str(exc).split("\n")[0]
        hint = "write a real date as YYYY-MM-DD" if "timestamp" in node.tag else "correct it"
        raise refuse(
            node, f"{value!r} is not {kind} that exists ({why}); {hint} or quote it as text"
        ) from None


def parse_yaml(path: Path, text: str | None = None) -> Document:
    """Parse one YAML document safely, keeping its node tree (or the means to make it)."""
    if text is None:
        text = read_text(path)
    tab = _leading_tab(text)
    if tab is not None:
        raise _problem(path, tab, 1, "a tab is used for indentation; YAML allows spaces only")
    plain = plain_data(text, typed_scalar)
    if plain is not None:
        return Document(path, plain, None, text, lazy=True)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(path, None, None, text)
        data = _construct(path, node, loader, anchors="&" in text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or "not valid YAML"
        if "expected a single document" in str(exc.context or ""):
            message = "several YAML documents in one file; put each in its own file"
        elif exc.context:
            message = f"{exc.context}: {message}"
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        raise _problem(path, line, col, f"not valid YAML: {message}") from None
    except yaml.reader.ReaderError as exc:
        pos = max(0, int(exc.position))
        if _BaseLoader is not yaml.SafeLoader:  # libyaml counts UTF-8 bytes, not characters
            pos = len(text.encode("utf-8")[:pos].decode("utf-8", "ignore"))
        pos = min(pos, len(text))
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character) or " ")
        raise _problem(
            path,
            text.count("\n", 0, pos) + 1,
            pos - text.rfind("\n", 0, pos),
            f"not valid YAML: the control character U+{char:04X} is not allowed in a file; "
            'write it escaped inside double quotes (e.g. "\\x00") or remove it',
        ) from None
    except yaml.YAMLError as exc:
        raise _problem(path, None, None, f"not valid YAML: {exc}") from None
    except RecursionError:
        raise _problem(path, None, None, "not valid YAML: nested too deeply") from None
    finally:
        loader.dispose()
    return Document(path, data, node, text)


_TAB_INDENT = re.compile(r"^ *\t[ \t]*\S", re.MULTILINE)


def _leading_tab(text: str) -> int | None:
    m = _TAB_INDENT.search(text)
    return None if m is None else text.count("\n", 0, m.start()) + 1


def dump_yaml(data: Any) -> str:
    """Dump plain data as block-style YAML with a stable key order, Unicode kept."""
    return yaml.dump(
        data,
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )


def write_atomic(path: Path, data: str | bytes, mode: int | None = None) -> None:
    """Write a file whole or not at all: a temporary file in the same folder, then rename.

    A read-only folder, a full disk or a folder that is a file is a one-line error
    naming the folder and the reason (exit 2); the temporary file is removed.
    ``mode`` (e.g. 0o600 for secrets) is set before any byte is written.
    """
    try:
        _write_atomic(path, data, mode)
    except OSError as exc:
        folder = path.parent
        reason = exc.strerror or type(exc).__name__
        if isinstance(exc, FileExistsError | NotADirectoryError):
            blocker = next((p for p in (folder, *folder.parents) if p.exists()), folder)
            if not blocker.is_dir():
                reason = f"{str(blocker)!r} is a file, not a folder"
        raise InputError(
            Problem.unlocated(folder, "", f"cannot write {path.name!r} in this folder: {reason}")
        ) from None


def _write_atomic(path: Path, data: str | bytes, mode: int | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # only for writing: 4 ms (with shutil) of every start-up otherwise

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        if mode is None:
            try:
                mode = path.stat().st_mode & 0o777
            except FileNotFoundError:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def refuse_overwrite(paths: list[Path], force: bool) -> None:
    """Existing files are never replaced without --force (a report may already be issued)."""
    if force:
        return
    existing = [p for p in paths if p.exists()]
    if existing:
        raise InputError(
            [
                Problem.unlocated(p, "", "already exists; pass --force to replace it")
                for p in existing
            ]
        )

"""The committee's config file (hawkama.yaml): defaults for signing and verifying.

A committee that always signs should not have to remember `--sign`, and a reader
who trusts the committee should not have to name its certificate every time.
Paths in the file are relative to the file's folder, not to where Hawkama runs,
so the same config works from any folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from hawkama.errors import InputError, Problem, UsageProblem
from hawkama.yamlio import Document, parse_yaml

NAME = "hawkama.yaml"


class ConfigFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["config"] = Field(description="always 'config'")
    sign: StrictBool = Field(False, description="true or false: sign reports unless --no-sign")
    keys: str | None = Field(None, min_length=1, description="folder with key.pem and cert.pem")
    trust: list[str] = Field(
        default_factory=list, description="certificate files whose holders are trusted"
    )


@dataclass(frozen=True)
class Config:
    """The settings with paths resolved; the empty config when there is no file."""

    path: Path | None = None
    sign: bool = False
    keys: Path | None = None
    trust: list[Path] = field(default_factory=list)


def find(given: Path | None) -> Path | None:
    """The config file: --config/HAWKAMA_CONFIG (a file or a folder), else ./hawkama.yaml."""
    if given is None:
        here = Path(NAME)
        return here if here.is_file() else None
    path = given / NAME if given.is_dir() else given
    if not path.is_file():
        raise UsageProblem(f"no config file {path}: write one (see README, 'Signed reports')")
    return path


def load(given: Path | None) -> Config:
    path = find(given)
    if path is None:
        return Config()
    from hawkama.documents import validate_doc

    doc = parse_yaml(path)
    if not isinstance(doc.data, dict):
        raise InputError(
            Problem(str(path), 1, 1, "", "a config file is a mapping starting with 'kind: config'")
        )
    model = validate_doc(doc, ConfigFile)
    base = path.parent
    trust = [_existing(doc, ("trust", i), base / p) for i, p in enumerate(model.trust)]
    keys = base / model.keys if model.keys is not None else None
    return Config(path, model.sign, keys, trust)


def _existing(doc: Document, loc: tuple[str | int, ...], path: Path) -> Path:
    if not path.is_file():
        line, col = doc.locate(loc)
        raise InputError(
            Problem(
                str(doc.path),
                line,
                col,
                "trust." + str(loc[1]),
                f"no certificate file {path} (paths are relative to the config file's folder)",
            )
        )
    return path

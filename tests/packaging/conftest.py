"""Helpers for the packaging tests: the packaging/ folder as an importable place."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def load(name: str) -> ModuleType:
    """A module from packaging/ (not a package: the spec imports them by path)."""
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def app_info() -> ModuleType:
    return load("app_info")


@pytest.fixture(scope="session")
def render_icons() -> ModuleType:
    return load("render_icons")

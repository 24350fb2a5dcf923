"""The pages' modules are imported ahead on a worker thread once the window is up."""

from __future__ import annotations

import importlib
import importlib.util
import sys

from vernelogg.ui.common.warm_up import WarmUp, prepare
from vernelogg.ui.main_window import MainWindow
from vernelogg.ui.pages import all_pages


def test_every_page_names_the_module_it_is_built_from():
    for spec in all_pages():
        assert importlib.util.find_spec(spec.module) is not None, spec.key
        page = importlib.import_module(spec.module)
        assert spec.factory.__module__ == spec.module.rpartition(".")[0]
        assert page.__name__ == spec.module


def test_the_window_imports_the_other_pages_once_it_is_shown(qtbot, show, ctx):
    window = show(MainWindow(ctx))
    qtbot.waitUntil(window.warm_up.is_done, timeout=20_000)
    for spec in window.specs[1:]:
        assert spec.module in sys.modules


def test_a_module_that_is_not_there_or_fails_is_left_for_the_visit(qtbot, tmp_path, monkeypatch):
    (tmp_path / "vl_broken_page.py").write_text("raise RuntimeError('broken')\n")
    (tmp_path / "vl_fine_page.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    prepare(["vl_missing.page", "vl_broken_page", "vl_fine_page"])
    assert "vl_fine_page" in sys.modules and "vl_broken_page" not in sys.modules

    from PySide6.QtCore import QObject

    owner = QObject()
    warm = WarmUp(owner, ["vl_fine_page"])
    assert not warm.is_done()
    warm.start(after_ms=0)
    qtbot.waitUntil(warm.is_done, timeout=10_000)
    monkeypatch.delitem(sys.modules, "vl_fine_page")

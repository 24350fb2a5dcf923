"""Finds texts a person would read that are not marked for translation.

Two rules, over the package's source (not the demo data, the benchmark or migrations):

1. A text given straight to Qt (setText, QLabel(…), addAction, QMessageBox …), to an
   error (`raise …Error("…")`, `ValidationError({"field": "…"})`) or to argparse's
   `help=`/`description=` must be a marked call (`_()`, `ngettext()`, `pgettext()`) or a
   name, never a literal or an f-string.
2. Any other literal that reads as Norwegian prose (a space and a Norwegian letter or a
   common bokmål word) must be inside a marker (`_`, `N_`, `ngettext`, `pgettext`).

`_(f"…")` is refused too: extraction cannot read it. So is `_()` outside a function
(at import, in a class body or a default argument): it would always give bokmål. A line ending in `# i18n-ignore`
is skipped (a text that is data, not language: a file name, a code).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "vernelogg"
SKIPPED = ("demo/", "bench/", "store/migrations/", "i18n.py")
MARKERS = {"_", "N_", "ngettext", "pgettext", "npgettext", "gettext"}
QT_TEXT_CALLS = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setPlaceholderText",
    "setStatusTip",
    "setTitle",
    "addTab",
    "insertTab",
    "setTabText",
    "setTabToolTip",
    "addItem",
    "addItems",
    "addRow",
    "setHorizontalHeaderLabels",
    "setVerticalHeaderLabels",
    "setHeaderLabels",
    "addAction",
    "addMenu",
    "setSuffix",
    "setPrefix",
    "setSpecialValueText",
    "showMessage",
    "setInformativeText",
    "setDetailedText",
    "setLabelText",
    "setWhatsThis",
    "addButton",
    "setAccessibleName",
    "setAccessibleDescription",
    "setPlainText",
    "setHtml",
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
    "QToolButton",
    "QCommandLinkButton",
    "information",
    "warning",
    "question",
    "critical",
    "getText",
    "getItem",
    "getInt",
    "getOpenFileName",
    "getSaveFileName",
    "getExistingDirectory",
    "tell",
    "add_row",
    "setNameFilter",
}
# Which positional arguments are texts, where not the first three (keys and data beside).
TEXT_ARGUMENTS = {
    "add_row": (1,),
    "addItem": (0,),
    "addRow": (0,),
    "setTabText": (1,),
    "setTabToolTip": (1,),
    "insertTab": (2,),
    "addTab": (1,),
    "information": (1, 2),
    "warning": (1, 2),
    "question": (1, 2),
    "critical": (1, 2),
    "getText": (1, 2),
    "getItem": (1, 2),
    "getInt": (1, 2),
    "getOpenFileName": (1, 3),
    "getSaveFileName": (1, 3),
    "getExistingDirectory": (1,),
    "showMessage": (0,),
}
ARGPARSE_KEYWORDS = {"help", "description", "epilog", "title"}
NORWEGIAN_WORDS = {
    "og",
    "ikke",
    "på",
    "til",
    "av",
    "med",
    "som",
    "eller",
    "er",
    "ble",
    "kan",
    "må",
    "skal",
    "har",
    "ny",
    "nytt",
    "nye",
    "lagre",
    "avbryt",
    "slett",
    "vis",
    "velg",
    "ingen",
    "alle",
    "fra",
    "den",
    "det",
    "dette",
    "denne",
    "for",
    "etter",
    "før",
    "uten",
    "hvis",
    "når",
    "hvor",
    "hva",
    "ett",
    "en",
    "et",
    "i",
    "om",
    "ut",
    "inn",
    "åpne",
    "lukk",
}
_WORD = re.compile(r"[A-Za-zÆØÅæøåÉé]+")


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    text: str
    rule: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.rule}: {self.text!r}"


def reads_as_norwegian(text: str) -> bool:
    if not text.strip() or not _WORD.search(text):
        return False
    if re.search(r"[æøåÆØÅ]", text) and (" " in text.strip() or text[:1].isupper()):
        return True
    words = [w.lower() for w in _WORD.findall(text)]
    return len(words) >= 2 and any(w in NORWEGIAN_WORDS for w in words)


def _call_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name):
            return func.id
        if isinstance(func, ast.Attribute):
            return func.attr
    return None


def _literal_text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else "{…}" for part in node.values
        )
    return None


def _is_text(node: ast.AST) -> bool:
    text = _literal_text(node)
    return text is not None and bool(_WORD.search(text))


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and _literal_text(body[0].value) is not None:
                ids.add(id(body[0].value))
    return ids


def findings_in(path: Path, root: Path = PACKAGE) -> Iterator[Finding]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    name = str(path.relative_to(root.parent))
    docstrings = _docstrings(tree)
    inside_marker: set[int] = set()
    reported: set[int] = set()
    logging_args: set[int] = set()
    f_string_parts = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in ast.walk(node)
        if part is not node
    }

    def ignored(node: ast.AST) -> bool:
        first = getattr(node, "lineno", 1)
        last = getattr(node, "end_lineno", first) or first
        return any(
            lines[n - 1].rstrip().endswith("# i18n-ignore")
            for n in range(first, last + 1)
            if 0 < n <= len(lines)
        )

    for node in ast.walk(tree):
        called = _call_name(node)
        if called in MARKERS and isinstance(node, ast.Call):
            for arg in node.args:
                if isinstance(arg, ast.JoinedStr):
                    yield Finding(name, arg.lineno, _literal_text(arg) or "", "f-string in marker")
                for sub in ast.walk(arg):
                    inside_marker.add(id(sub))
        if (
            called in {"debug", "info", "exception", "error", "log"}
            and isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and "log" in ast.unparse(node.func.value)
        ):
            for sub in ast.walk(node):
                logging_args.add(id(sub))

    # A translation made when the module is imported is always in bokmål: constants are
    # marked with N_() and translated where they are shown.
    in_function: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            body = node.body if isinstance(node.body, list) else [node.body]
            for statement in body:
                for sub in ast.walk(statement):
                    in_function.add(id(sub))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and _call_name(node) in MARKERS - {"N_"}
            and isinstance(node.func, ast.Name)
            and id(node) not in in_function
            and not ignored(node)
        ):
            yield Finding(name, node.lineno, ast.unparse(node)[:60], "translated at import")

    def report(arg: ast.AST, rule: str) -> Iterator[Finding]:
        if id(arg) in inside_marker or id(arg) in reported or ignored(arg):
            return
        candidates = [arg]
        if isinstance(arg, (ast.List, ast.Tuple)):
            candidates = list(arg.elts)
        elif isinstance(arg, ast.Dict):
            candidates = [v for v in arg.values if v is not None]
        for candidate in candidates:
            if _is_text(candidate) and id(candidate) not in inside_marker:
                reported.add(id(candidate))
                yield Finding(name, candidate.lineno, _literal_text(candidate) or "", rule)

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            called = _call_name(node)
            if called in QT_TEXT_CALLS:
                for index in TEXT_ARGUMENTS.get(called, (0, 1, 2)):
                    if index < len(node.args):
                        yield from report(node.args[index], "text for Qt not marked")
            if called and called.endswith(("Error", "Refused", "Conflict")):
                for arg in node.args[:2]:
                    yield from report(arg, "error text not marked")
            for keyword in node.keywords:
                if keyword.arg in ARGPARSE_KEYWORDS:
                    yield from report(keyword.value, "command-line text not marked")
    for node in ast.walk(tree):
        text = _literal_text(node)
        if (
            text is None
            or id(node) in inside_marker
            or id(node) in reported
            or id(node) in docstrings
            or id(node) in logging_args
            or ignored(node)
        ):
            continue
        if id(node) in f_string_parts:
            continue
        if reads_as_norwegian(text):
            reported.add(id(node))
            yield Finding(name, node.lineno, text, "Norwegian text not marked")


def python_files(paths: Iterable[Path] | None = None) -> list[Path]:
    roots = list(paths) if paths else [PACKAGE]
    files: list[Path] = []
    for root in roots:
        candidates = [root] if root.is_file() else sorted(root.rglob("*.py"))
        for file in candidates:
            relative = str(file.relative_to(PACKAGE)) if file.is_relative_to(PACKAGE) else ""
            if not relative.startswith(SKIPPED):
                files.append(file)
    return files


def findings(paths: Iterable[Path] | None = None) -> list[Finding]:
    found: list[Finding] = []
    for file in python_files(paths):
        found.extend(findings_in(file))
    return sorted(found, key=lambda f: (f.path, f.line))


if __name__ == "__main__":
    import sys

    result = findings([Path(p).resolve() for p in sys.argv[1:]] or None)
    for finding in result:
        print(finding)
    print(f"{len(result)} unmarked", file=sys.stderr)
    raise SystemExit(1 if result else 0)

"""Tests for the risk matrix (risikomatrise)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from vernelogg.domain.risk_matrix import (
    Acceptance,
    MatrixError,
    RiskMatrix,
    ScaleStep,
    default_matrix,
    highest,
    matrix_from_thresholds,
)

G, Y, R = Acceptance.GREEN, Acceptance.YELLOW, Acceptance.RED


def _steps(n: int) -> tuple[ScaleStep, ...]:
    return tuple(ScaleStep(i, f"Trinn {i}", f"Beskrivelse {i}") for i in range(1, n + 1))


def _uniform(n: int, m: int, level: Acceptance = G) -> RiskMatrix:
    return RiskMatrix(_steps(n), _steps(m), tuple(tuple(level for _ in range(m)) for _ in range(n)))


# --- Acceptance -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "value", "label"),
    [(G, "green", "Akseptabel"), (Y, "yellow", "Vurderes"), (R, "red", "Ikke akseptabel")],
)
def test_acceptance_values_and_labels(level: Acceptance, value: str, label: str) -> None:
    assert level == value
    assert level.label == label
    assert re.fullmatch(r"#[0-9a-f]{6}", level.color)


def test_acceptance_colours_distinct_and_ordered() -> None:
    assert len({level.color for level in Acceptance}) == 3
    assert [level.severity for level in (G, Y, R)] == [0, 1, 2]


# --- Default matrix -----------------------------------------------------------------------


def test_default_matrix_shape_and_labels() -> None:
    m = default_matrix()
    assert m.size == (5, 5)
    assert [s.label for s in m.probability] == [
        "Svært lite sannsynlig",
        "Lite sannsynlig",
        "Mulig",
        "Sannsynlig",
        "Svært sannsynlig",
    ]
    assert [s.label for s in m.consequence] == [
        "Ubetydelig",
        "Mindre alvorlig",
        "Alvorlig",
        "Svært alvorlig",
        "Katastrofal",
    ]
    assert all(s.description for s in m.probability + m.consequence)


@pytest.mark.parametrize(
    ("p", "c", "expected"),
    [
        # corners
        (1, 1, G),
        (1, 5, Y),
        (5, 1, Y),
        (5, 5, R),
        # green/yellow boundary: 4 green, 5 yellow
        (2, 2, G),
        (4, 1, G),
        (1, 4, G),
        (3, 2, Y),
        # yellow/red boundary: 9 yellow, 10 red
        (3, 3, Y),
        (4, 2, Y),
        (2, 5, R),
        (5, 2, R),
        (3, 4, R),
        (4, 3, R),
    ],
)
def test_default_matrix_colours(p: int, c: int, expected: Acceptance) -> None:
    assert default_matrix().acceptance(p, c) is expected


def test_default_matrix_every_cell_follows_thresholds() -> None:
    m = default_matrix()
    for p in range(1, 6):
        for c in range(1, 6):
            score = m.risk_score(p, c)
            assert score == p * c
            expected = G if score <= 4 else Y if score <= 9 else R
            assert m.acceptance(p, c) is expected


def test_default_matrix_is_frozen_and_equal() -> None:
    m = default_matrix()
    assert m == default_matrix()
    with pytest.raises(AttributeError):
        m.cells = ()  # type: ignore[misc]
    hash(m)


# --- Custom matrices ----------------------------------------------------------------------


def test_custom_4x4_from_thresholds() -> None:
    m = matrix_from_thresholds(
        ["Sjelden", "Av og til", "Ofte", "Svært ofte"],
        ["Liten", "Middels", "Stor", "Svært stor"],
        green_max=3,
        yellow_max=8,
    )
    assert m.size == (4, 4)
    assert m.probability[2] == ScaleStep(3, "Ofte", "")
    assert m.cells == (
        (G, G, G, Y),
        (G, Y, Y, Y),
        (G, Y, R, R),
        (Y, Y, R, R),
    )
    assert m.risk_score(4, 4) == 16


def test_custom_4x4_explicit_cells() -> None:
    cells = (
        (G, G, Y, R),
        (G, Y, Y, R),
        (Y, Y, R, R),
        (Y, R, R, R),
    )
    m = RiskMatrix(_steps(4), _steps(4), cells)
    assert m.acceptance(1, 4) is R  # not monotone in score: severity can override
    assert m.acceptance(4, 1) is Y
    assert m.acceptance(2, 2) is Y


def test_non_square_matrix() -> None:
    m = matrix_from_thresholds(["a", "b", "c"], ["1", "2", "3", "4", "5", "6"], 2, 6)
    assert m.size == (3, 6)
    assert m.acceptance(3, 6) is R
    assert m.acceptance(1, 6) is Y


def test_lists_and_strings_are_normalised() -> None:
    m = RiskMatrix(
        list(_steps(3)),  # type: ignore[arg-type]
        list(_steps(3)),  # type: ignore[arg-type]
        [["green", "yellow", "red"]] * 3,  # type: ignore[arg-type]
    )
    assert isinstance(m.probability, tuple)
    assert m.cells[0] == (G, Y, R)
    assert isinstance(m.cells[0][0], Acceptance)


# --- Validation ---------------------------------------------------------------------------


@pytest.mark.parametrize("n", [3, 4, 5, 6])
def test_scale_sizes_accepted(n: int) -> None:
    assert _uniform(n, n).size == (n, n)
    assert _uniform(n, 3).size == (n, 3)


@pytest.mark.parametrize("n", [0, 1, 2, 7, 8])
@pytest.mark.parametrize("which", ["probability", "consequence"])
def test_scale_sizes_refused(n: int, which: str) -> None:
    with pytest.raises(MatrixError, match="mellom 3 og 6 trinn"):
        if which == "probability":
            _uniform(n, 5)
        else:
            _uniform(5, n)


@pytest.mark.parametrize("n", [2, 7])
def test_matrix_from_thresholds_refuses_bad_sizes(n: int) -> None:
    with pytest.raises(MatrixError):
        matrix_from_thresholds([f"p{i}" for i in range(n)], ["a", "b", "c"], 2, 4)


def test_matrix_error_is_value_error() -> None:
    assert issubclass(MatrixError, ValueError)


@pytest.mark.parametrize(
    "steps",
    [
        (ScaleStep(0, "a"), ScaleStep(1, "b"), ScaleStep(2, "c")),
        (ScaleStep(1, "a"), ScaleStep(3, "b"), ScaleStep(2, "c")),
        (ScaleStep(1, "a"), ScaleStep(2, "b"), ScaleStep(2, "c")),
        (ScaleStep(1, "a"), ScaleStep(2, "b"), ScaleStep(True, "c")),  # type: ignore[arg-type]
    ],
)
def test_scale_values_must_be_1_to_n(steps: tuple[ScaleStep, ...]) -> None:
    with pytest.raises(MatrixError, match="nummerert 1 til 3"):
        RiskMatrix(steps, _steps(3), ((G,) * 3,) * 3)


@pytest.mark.parametrize("label", ["", "   "])
def test_labels_must_not_be_empty(label: str) -> None:
    steps = (ScaleStep(1, "a"), ScaleStep(2, label), ScaleStep(3, "c"))
    with pytest.raises(MatrixError, match="mangler navn"):
        RiskMatrix(_steps(3), steps, ((G,) * 3,) * 3)


@pytest.mark.parametrize(
    "cells",
    [
        ((G,) * 3,) * 2,  # too few rows
        ((G,) * 3,) * 4,  # too many rows
        ((G,) * 3, (G,) * 2, (G,) * 3),  # short row
        ((G,) * 3, (G,) * 4, (G,) * 3),  # long row
    ],
)
def test_cell_dimensions_must_match(cells: Any) -> None:
    with pytest.raises(MatrixError):
        RiskMatrix(_steps(3), _steps(3), cells)


def test_unknown_acceptance_refused() -> None:
    with pytest.raises(MatrixError, match="akseptansenivå"):
        RiskMatrix(_steps(3), _steps(3), (("green", "blue", "red"),) * 3)  # type: ignore[arg-type]


@pytest.mark.parametrize(("green_max", "yellow_max"), [(-1, 5), (5, 4), (2.5, 5)])
def test_bad_thresholds_refused(green_max: Any, yellow_max: Any) -> None:
    with pytest.raises(MatrixError):
        matrix_from_thresholds(["a", "b", "c"], ["a", "b", "c"], green_max, yellow_max)


def test_thresholds_equal_means_no_yellow() -> None:
    m = matrix_from_thresholds(["a", "b", "c"], ["a", "b", "c"], 4, 4)
    assert Y not in {cell for row in m.cells for cell in row}


@pytest.mark.parametrize(
    ("p", "c"),
    [(0, 1), (1, 0), (6, 1), (1, 6), (-1, 3), (3, -1), (True, 1), (1, 2.0), ("3", 3), (None, 1)],
)
def test_out_of_range_refused(p: Any, c: Any) -> None:
    m = default_matrix()
    with pytest.raises(MatrixError):
        m.acceptance(p, c)
    with pytest.raises(MatrixError):
        m.risk_score(p, c)


def test_out_of_range_depends_on_size() -> None:
    m = _uniform(3, 4)
    assert m.acceptance(3, 4) is G
    with pytest.raises(MatrixError, match="Sannsynlighet"):
        m.acceptance(4, 1)
    with pytest.raises(MatrixError, match="Konsekvens"):
        m.acceptance(1, 5)


# --- Serialisation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "matrix",
    [
        default_matrix(),
        matrix_from_thresholds(["a", "b", "c"], ["x", "y", "z", "w"], 2, 6),
        _uniform(6, 6, R),
    ],
)
def test_round_trip(matrix: RiskMatrix) -> None:
    data = matrix.to_dict()
    restored = RiskMatrix.from_dict(json.loads(json.dumps(data, ensure_ascii=False)))
    assert restored == matrix
    assert restored.to_dict() == data


def test_to_dict_shape() -> None:
    data = default_matrix().to_dict()
    assert data["probability"][0] == {
        "value": 1,
        "label": "Svært lite sannsynlig",
        "description": default_matrix().probability[0].description,
    }
    assert data["cells"][0][0] == "green"
    assert data["cells"][4][4] == "red"


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.pop("cells"),
        lambda d: d.pop("probability"),
        lambda d: d["consequence"][0].pop("label"),
        lambda d: d["cells"][0].__setitem__(0, "purple"),
        lambda d: d["cells"].pop(),
        lambda d: d.__setitem__("probability", None),
        lambda d: d["probability"].__setitem__(0, "not a step"),
    ],
)
def test_from_dict_refuses_bad_data(mutate: Any) -> None:
    data = default_matrix().to_dict()
    mutate(data)
    with pytest.raises(MatrixError):
        RiskMatrix.from_dict(data)


def test_from_dict_missing_description_defaults_to_empty() -> None:
    data = matrix_from_thresholds(["a", "b", "c"], ["a", "b", "c"], 2, 4).to_dict()
    for step in data["probability"]:
        del step["description"]
    assert RiskMatrix.from_dict(data).probability[0].description == ""


# --- highest() ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("risks", "expected"),
    [
        ([], None),
        ([(1, 1)], (1, 1)),
        ([(1, 1), (2, 2), (1, 3)], (2, 2)),  # all green: highest score wins
        ([(2, 2), (1, 5), (3, 3)], (3, 3)),  # yellow 9 beats yellow 5
        ([(3, 3), (2, 5)], (2, 5)),  # red beats yellow
        ([(5, 2), (2, 5)], (5, 2)),  # tie: first one kept
        ([(5, 5), (1, 1), (4, 4)], (5, 5)),
    ],
)
def test_highest_default(risks: list[tuple[int, int]], expected: tuple[int, int] | None) -> None:
    assert highest(risks, default_matrix()) == expected


def test_highest_severity_before_score() -> None:
    # Custom matrix where a low score is red and a higher score only yellow.
    cells = (
        (G, G, R),
        (G, Y, Y),
        (G, Y, Y),
    )
    m = RiskMatrix(_steps(3), _steps(3), cells)
    assert highest([(3, 3), (1, 3)], m) == (1, 3)
    assert highest(iter([(2, 2), (3, 3)]), m) == (3, 3)  # any iterable


def test_highest_refuses_out_of_range() -> None:
    with pytest.raises(MatrixError):
        highest([(1, 1), (6, 1)], default_matrix())

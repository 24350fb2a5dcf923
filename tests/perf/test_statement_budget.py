"""Round trips stay few: every page visit, each key of the avvik search and the annual
and AMU PDFs send at most a budget of SQL statements (counted with SQLAlchemy's
`before_cursor_execute` event, as `vernelogg bench --db postgresql://…` does).

Over a network each statement costs a round trip: at 20 ms a page of 50 statements
cannot open in under 1 s. The budgets are the counts on the demo database with a
little room; a change that makes a page chatty again (a query per row, a lazy load in
a loop) fails here. Lower a budget when a page gets leaner, never raise it lightly.
"""

from __future__ import annotations

from vernelogg.bench.network import measure

# Statements per visit on the demo database, a tenth above what they send now (see
# docs/performance.md, PostgreSQL). Before the round-trip work: start-up 66, Verneområder
# 28, Risikovurderinger 24, Stansing 26, AMU 45, Årsoversikt 159, the annual PDF 146;
# before the annual summary counted avvik and tiltak in SQL: Årsoversikt 113, its PDF 110.
BUDGETS = {
    "oppstart": 62,
    "verneomrader": 18,
    "vernerunder": 15,
    "avvik": 38,
    "risiko": 18,
    "stansing": 18,
    "frister": 2,
    "amu": 36,
    "arsoversikt": 100,
    "oversikt": 44,
    "årsoversikt (PDF)": 97,
    # 20 since documents are written in the undertaking's document language: one read
    # (two statements on SQLite, one on PostgreSQL) per document.
    "AMU-protokoll (PDF)": 20,
}
# Each key typed in the avvik search (the page of rows and its count) or in «Søk i alt»
# (one statement; on SQLite the first key also asks whether FTS5 is there).
KEY_BUDGET = 2
# An answer in a round: the save (the point, its round and the write) and the round read
# again once it is stored, both behind the screen.
ANSWER_BUDGET = 25


def test_every_page_and_report_stays_within_its_statement_budget(qapp, demo_db):
    seen = measure(demo_db)
    counts = {v.name: v.statements for v in seen if v.kind in ("side", "rapport")}
    assert set(counts) == set(BUDGETS), "a page or report without a budget"
    over = {
        name: f"{count} > {BUDGETS[name]}"
        for name, count in counts.items()
        if count > BUDGETS[name]
    }
    assert not over, f"more statements than the budget: {over}"
    keys = [v for v in seen if v.kind == "tast"]
    over_keys = [(v.name, v.statements) for v in keys if v.statements > KEY_BUDGET]
    assert keys and not over_keys, over_keys
    answers = [v.statements for v in seen if v.kind == "svar"]
    assert answers and max(answers) <= ANSWER_BUDGET, answers

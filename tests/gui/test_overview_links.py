"""Every alert and figure on the overview opens the page behind it, filtered to match."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qsl

from PySide6.QtWidgets import QLabel

from tests.gui.helpers import click_link, loaded_page
from vernelogg.ui.main_window import MainWindow
from vernelogg.ui.overview.links import LINK_COLOR

ANCHOR = re.compile(r"<a href='([^']+)' style='([^']+)'>([^<]+)</a>")


def overview_links(page) -> list[tuple[QLabel, str, str]]:
    """(label, address, text) of every link on the overview, once they are all in."""
    links = []
    for label in page.findChildren(QLabel):
        for address, style, text in ANCHOR.findall(label.text()):
            assert f"color:{LINK_COLOR}" in style and "text-decoration:none" in style
            links.append((label, address, text))
    return links


def leading_number(text: str) -> int | None:
    match = re.match(r"(\d+) ", text)
    return int(match.group(1)) if match else None


def test_every_overview_link_lands_on_the_filtered_list(qtbot, show, demo_ctx):
    window = show(MainWindow(demo_ctx))
    window.resize(1400, 1600)
    overview = loaded_page(qtbot, window, "oversikt")
    # The deadline card fills in when the deadlines are gathered.
    qtbot.waitUntil(lambda: any(a.startswith("deadlines") for _, a, _ in overview_links(overview)))
    links = overview_links(overview)
    targets = {address.partition("?")[0] for _, address, _ in links}
    assert targets >= {"deviations", "actions", "deadlines", "rounds", "amu", "roster", "stop"}

    for _, address, text in links:
        target, _, query = address.partition("?")
        params = dict(parse_qsl(query))
        # Coming back, the overview reads its figures again and builds new labels.
        overview = loaded_page(qtbot, window, "oversikt")
        qtbot.waitUntil(
            lambda address=address, page=overview: any(
                a == address for _, a, _ in overview_links(page)
            ),
            timeout=10_000,
        )
        label = next(w for w, a, _ in overview_links(overview) if a == address)
        overview.ensureWidgetVisible(label)
        click_link(qtbot, label, address)
        expected = leading_number(text)
        if target == "deviations":
            page = window.pages["avvik"]
            tab = page.deviations
            assert page.tabs.currentWidget() is tab
            qtbot.waitUntil(lambda page=page: not page.is_loading(), timeout=10_000)
            qtbot.waitUntil(lambda tab=tab: tab.model.count_is_exact, timeout=10_000)
            shown = [tab.model.row_at(i) for i in range(tab.model.rowCount())]
            if expected is not None:
                assert len(shown) == expected, text
            if params.get("search"):
                assert [r.number for r in shown] == [params["search"]]
            if params.get("responsible_id") == "none":
                assert shown and all(r.responsible_name is None for r in shown)
            if params.get("status") == "overdue":
                assert shown and all(r.overdue for r in shown)
        elif target == "actions":
            page = window.pages["avvik"]
            assert page.current_tab() is page.plan
            qtbot.waitUntil(lambda page=page: not page.is_loading(), timeout=10_000)
            shown = [page.plan.model.row_at(i) for i in range(page.plan.model.rowCount())]
            if expected is not None:
                assert len(shown) == expected, text
        elif target == "deadlines":
            page = loaded_page(qtbot, window, "frister")
            assert page.tabs.currentWidget() is page.deadlines
            qtbot.waitUntil(lambda page=page: not page.deadlines.is_loading(), timeout=20_000)
            shown = page.deadlines.visible_entries()
            assert len(shown) == expected, text
            assert {e.item.status.value for e in shown} <= {params["status"]}
        elif target == "rounds":
            page = window.pages["vernerunder"]
            qtbot.waitUntil(lambda page=page: not page.is_loading(), timeout=10_000)
            if params.get("id"):
                assert page.list.selected_round().id == params["id"]
            if params.get("year"):
                assert page.list.selected_year() == int(params["year"])
        elif target == "amu":
            page = window.pages["amu"]
            qtbot.waitUntil(lambda page=page: not page.is_loading(), timeout=20_000)
            if params.get("tab") == "committee":
                assert page.tabs.currentWidget() is page.committee
            elif params.get("id"):
                assert page.meetings.selected().id == params["id"]
        elif target == "roster":
            page = window.pages["verneomrader"]
            assert page.tabs.currentWidget() is page.roster
        elif target == "stop":
            page = window.pages["stansing"]
            qtbot.waitUntil(lambda page=page: not page.is_loading(), timeout=10_000)
            assert page.selected().id == params["id"]
        assert window.current_key() != "oversikt", address


def test_hundreds_of_unreported_injuries_name_the_ten_newest_and_link_to_all(qtbot, ctx):
    """A large undertaking may have hundreds of serious injuries without the § 5-2
    records: the card names the ten newest, counts the rest and links to every serious
    avvik, instead of a label of hundreds of links."""
    from vernelogg.services.deviations.summary import DeviationSummary
    from vernelogg.ui.deviations.overview_card import render

    numbers = [f"AV-2026-{n:04d}" for n in range(1, 16)]
    summary = DeviationSummary(
        open=15,
        unassigned=0,
        overdue=0,
        open_actions=0,
        overdue_actions=0,
        notification_missing=numbers,
        this_year=15,
    )
    card = render(ctx, summary)
    qtbot.addWidget(card)
    label = next(w for w in card.findChildren(QLabel) if "aml. § 5-2" in w.text())
    anchors = ANCHOR.findall(label.text())
    named = [text for _, _, text in anchors if text.startswith("AV-")]
    assert named == [f"AV-2026-{n:04d}" for n in range(15, 5, -1)]
    assert "og 5 til" in re.sub("<[^>]+>", "", label.text())
    assert ("deviations?severity=serious", "vis alle alvorlige avvik") in [
        (address, text) for address, _, text in anchors
    ]


def test_the_overview_shown_again_unchanged_is_not_built_again(qtbot, show, demo_ctx):
    """Coming back to an overview whose figures did not change keeps its cards (building
    them again froze the window for 100–170 ms on a large database); a change shows."""
    from vernelogg import clock
    from vernelogg.domain.deviations import DeviationKind, Severity
    from vernelogg.services import areas
    from vernelogg.services.deviations import register_deviation

    window = show(MainWindow(demo_ctx))
    overview = loaded_page(qtbot, window, "oversikt")
    cards = [overview.extra_box.itemAt(i).widget() for i in range(overview.extra_box.count())]
    assert cards
    loaded_page(qtbot, window, "avvik")
    overview = loaded_page(qtbot, window, "oversikt")
    again = [overview.extra_box.itemAt(i).widget() for i in range(overview.extra_box.count())]
    assert again == cards

    area = areas.list_areas(demo_ctx.db)[0]
    register_deviation(
        demo_ctx.db,
        area_id=area.id,
        description="Ny hendelse",
        occurred_at=clock.local_now() - timedelta(hours=2),
        kind=DeviationKind.NEAR_MISS,
        severity=Severity.LOW,
        reporter_name=None,
    )
    loaded_page(qtbot, window, "avvik")
    overview = loaded_page(qtbot, window, "oversikt")
    changed = [overview.extra_box.itemAt(i).widget() for i in range(overview.extra_box.count())]
    assert not set(changed) & set(cards)

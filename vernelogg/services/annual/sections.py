"""Sections of the annual summary that come from the features (risk, rounds, stops, …).

Each function turns a feature's own yearly summary into a generic Section; `PROVIDERS`
lists them in the order they appear, `AREA_COLUMNS` adds columns to the per-area table.
"""

from __future__ import annotations

from collections.abc import Callable

from vernelogg.domain.formatting import fmt_date, fmt_int
from vernelogg.i18n import N_, _, ngettext
from vernelogg.services.annual.core import Period
from vernelogg.services.annual.model import BarChart, Figure, Section, TableData
from vernelogg.services.gather import once
from vernelogg.store.database import Database


def risk_section(db: Database, p: Period) -> Section:
    from vernelogg.services.risk import risk_summary

    now, before = once(risk_summary, db, p.year), once(risk_summary, db, p.year - 1)
    residual = dict(now.residual_by_acceptance)
    top = tuple(
        (
            r.area_name,
            r.assessment_title,
            r.hazard,
            r.before.text,
            r.after.text,
            r.after.acceptance.label,
        )
        for r in now.highest_residual
    )
    notes = []
    if now.vo_not_in_time:
        notes.append(
            ngettext(
                "I {n} vurdering ble verneombudet informert etter at beslutningen ble tatt, "
                "eller ikke i det hele tatt ({changes} av dem gjaldt omorganisering eller ny "
                "teknologi).",
                "I {n} vurderinger ble verneombudet informert etter at beslutningen ble tatt, "
                "eller ikke i det hele tatt ({changes} av dem gjaldt omorganisering eller ny "
                "teknologi).",
                now.vo_not_in_time,
            ).format(n=fmt_int(now.vo_not_in_time), changes=now.changes_without_vo_in_time)
        )
    return Section(
        key="risiko",
        title=_("Risikovurderinger"),
        intro=ngettext(
            "{n} risikovurderinger ble gjort i {year} ({approved} godkjent, {drafts} utkast) "
            "med til sammen {hazards} uønskede hendelser.",
            "{n} risikovurderinger ble gjort i {year} ({approved} godkjent, {drafts} utkast) "
            "med til sammen {hazards} uønskede hendelser.",
            now.assessments,
        ).format(
            n=now.assessments,
            year=p.year,
            approved=now.approved,
            drafts=now.drafts,
            hazards=now.hazards,
        ),
        figures=(
            Figure(_("Risikovurderinger gjort"), now.assessments, before.assessments),
            Figure(
                _("Restrisiko rød (ikke akseptabel)"),
                sum(v for k, v in residual.items() if k.value == "red"),
            ),
        ),
        tables=(
            TableData(
                _("Høyeste restrisiko"),
                (
                    _("Verneområde"),
                    _("Vurdering"),
                    _("Uønsket hendelse"),
                    _("Før"),
                    _("Etter"),
                    _("Vurdering av restrisiko"),
                ),
                top,
            ),
        )
        if top
        else (),
        notes=tuple(notes),
    )


def training_section(db: Database, p: Period) -> Section | None:
    """Training status of every role holder on the last day of the period."""
    from vernelogg.domain.deadlines import Status
    from vernelogg.domain.training import basic_completed, needs_basic
    from vernelogg.services.training_status import training_overview

    people = [t for t in once(training_overview, db, p.end) if t.worst is not None]
    if not people:
        return None
    counts = {status: sum(1 for t in people if t.worst is status) for status in Status}
    rows = tuple(
        (t.name, t.roles_text, t.worst.label if t.worst else "")
        for t in sorted(people, key=lambda t: (-(t.worst.severity if t.worst else 0), t.name))
    )
    # Only a completed basic course counts, not one that is merely due soon.
    with_basic = [t for t in people if needs_basic(t.requirements)]
    complete = sum(1 for t in with_basic if basic_completed(t.requirements))
    return Section(
        key="opplaering",
        title=_("Opplæring av verneombud, AMU-medlemmer og ledere"),
        intro=ngettext(
            "Per {date} hadde {complete} av {n} vervinnehavere med krav om grunnopplæring "
            "fullført den (OLM §§ 3-18 og 3-19). "
            "«Snart frist» gjelder oppfriskning eller opplæring som bør påbegynnes snart; "
            "«Merknad» er en anbefaling eller et kurs uten registrerte timer, ikke et lovbrudd.",
            "Per {date} hadde {complete} av {n} vervinnehavere med krav om grunnopplæring "
            "fullført den (OLM §§ 3-18 og 3-19). "
            "«Snart frist» gjelder oppfriskning eller opplæring som bør påbegynnes snart; "
            "«Merknad» er en anbefaling eller et kurs uten registrerte timer, ikke et lovbrudd.",
            len(with_basic),
        ).format(date=fmt_date(p.end), complete=complete, n=len(with_basic)),
        figures=(
            Figure(
                _("Vervinnehavere med fullført opplæring"),
                complete,
                unit=_("av {n}").format(n=len(with_basic)),
            ),
            Figure(
                _("Vervinnehavere som mangler opplæring"),
                counts[Status.OVERDUE] + counts[Status.MISSING],
            ),
        ),
        tables=(
            TableData(
                _("Opplæringsstatus per person"), (_("Person"), _("Verv"), _("Status")), rows
            ),
        ),
        charts=(
            BarChart(
                _("Opplæringsstatus"),
                tuple(status.label for status in Status),
                ((_("Personer"), tuple(float(counts[status]) for status in Status)),),
            ),
        ),
    )


def amu_section(db: Database, p: Period) -> Section | None:
    """AMU meetings held and its decisions, and whether they were carried out."""
    from vernelogg.services.amu.annual import annual_meetings

    now = once(annual_meetings, db, p.year, p.today)
    before = once(annual_meetings, db, p.year - 1, p.today)
    if not now.meetings and not now.planned and not before.meetings:
        return None
    rows = tuple(
        (
            d.number,
            fmt_date(d.meeting_date),
            d.item_title,
            d.owner_name or "",
            d.state_text,
        )
        for d in now.decisions
    )
    return Section(
        key="amu",
        title=_("Arbeidsmiljøutvalget (AMU)"),
        intro=ngettext(
            "AMU holdt {n} møter i {year} og behandlet {cases} saker.",
            "AMU holdt {n} møter i {year} og behandlet {cases} saker.",
            len(now.meetings),
        ).format(n=len(now.meetings), year=p.year, cases=now.case_count)
        + " "
        + ngettext(
            "{n} vedtak skulle følges opp; {done} er utført og {overdue} er over fristen.",
            "{n} vedtak skulle følges opp; {done} er utført og {overdue} er over fristen.",
            now.follow_up_count,
        ).format(n=now.follow_up_count, done=now.carried_out, overdue=now.overdue),
        figures=(
            Figure(_("AMU-møter holdt"), len(now.meetings), len(before.meetings)),
            Figure(
                _("AMU-vedtak utført"),
                now.carried_out,
                before.carried_out,
                unit=_("av {n}").format(n=now.follow_up_count),
                previous_unit=_("av {n}").format(n=before.follow_up_count),
            ),
        ),
        tables=(
            TableData(
                _("AMU-vedtak"),
                (_("Sak"), _("Møte"), _("Tittel"), _("Ansvarlig"), _("Status")),
                rows,
            ),
        )
        if rows
        else (),
    )


def stoppage_section(db: Database, p: Period) -> Section | None:
    """Stops of dangerous work (aml. § 6-3) and how they ended."""
    from vernelogg.domain.stoppage import StoppageOutcome
    from vernelogg.services.stoppage import stoppage_summary

    now, before = once(stoppage_summary, db, p.year), once(stoppage_summary, db, p.year - 1)
    if not now.count and not before.count:
        return None
    rows = tuple(
        (o.label, str(now.by_outcome.get(o, 0)), str(before.by_outcome.get(o, 0)))
        for o in StoppageOutcome
    ) + ((_("Uten avslutning ennå"), str(now.without_outcome), str(before.without_outcome)),)
    notes = []
    if now.employer_not_informed:
        notes.append(
            ngettext(
                "{n} stansing mangler registrering av at arbeidsgiver ble varslet, slik aml. "
                "§ 6-3 krever.",
                "{n} stansinger mangler registrering av at arbeidsgiver ble varslet, slik aml. "
                "§ 6-3 krever.",
                now.employer_not_informed,
            ).format(n=fmt_int(now.employer_not_informed))
        )
    return Section(
        key="stansing",
        title=_("Stansing av farlig arbeid (aml. § 6-3)"),
        intro=ngettext(
            "Verneombudene stanset arbeid {n} ganger i {year} (året før: {before}).",
            "Verneombudene stanset arbeid {n} ganger i {year} (året før: {before}).",
            now.count,
        ).format(n=now.count, year=p.year, before=before.count),
        figures=(
            Figure(_("Stansinger av farlig arbeid"), now.count, before.count),
            Figure(_("Stansinger ikke avsluttet"), now.open),
        ),
        tables=(
            TableData(
                _("Stansinger etter utfall"),
                (_("Utfall"), str(p.year), str(p.year - 1)),
                rows,
                (1, 2),
            ),
        ),
        notes=tuple(notes),
    )


def stoppages_by_area(db: Database, p: Period) -> dict[str, int]:
    from vernelogg.services.stoppage import stoppage_summary

    return dict(once(stoppage_summary, db, p.year).by_area)


def rounds_section(db: Database, p: Period) -> Section | None:
    """Safety rounds planned and done per area, and what they found."""
    from vernelogg.services.rounds import rounds_summary

    now, before = once(rounds_summary, db, p.year), once(rounds_summary, db, p.year - 1)
    if not now.areas and not before.areas:
        return None
    areas = [a for a in now.areas if not a.archived_area]
    rows = tuple((a.area_name, str(a.planned), str(a.done), str(a.findings)) for a in areas)
    return Section(
        key="vernerunder",
        title=_("Vernerunder"),
        intro=ngettext(
            "{n} vernerunder ble gjennomført i {year} av {planned} planlagte "
            "(året før: {before_done} av {before_planned}). Rundene ga {findings} funn.",
            "{n} vernerunder ble gjennomført i {year} av {planned} planlagte "
            "(året før: {before_done} av {before_planned}). Rundene ga {findings} funn.",
            now.done,
        ).format(
            n=now.done,
            year=p.year,
            planned=now.planned,
            before_done=before.done,
            before_planned=before.planned,
            findings=now.findings,
        ),
        figures=(
            Figure(
                _("Vernerunder gjennomført"),
                now.done,
                before.done,
                unit=_("av {n}").format(n=now.planned),
                previous_unit=_("av {n}").format(n=before.planned),
            ),
            Figure(_("Funn i vernerunder"), now.findings, before.findings),
        ),
        tables=(
            TableData(
                _("Vernerunder per verneområde"),
                (_("Verneområde"), _("Planlagt"), _("Gjennomført"), _("Funn")),
                rows,
                (1, 2, 3),
            ),
        ),
        charts=(
            BarChart(
                _("Vernerunder planlagt og gjennomført"),
                tuple(a.area_name for a in areas),
                (
                    (_("Planlagt"), tuple(float(a.planned) for a in areas)),
                    (_("Gjennomført"), tuple(float(a.done) for a in areas)),
                ),
                stacked=False,
            ),
        )
        if areas
        else (),
    )


def rounds_by_area(db: Database, p: Period) -> dict[str, str]:
    from vernelogg.services.rounds import rounds_summary

    return {a.area_name: f"{a.done}/{a.planned}" for a in once(rounds_summary, db, p.year).areas}


def parts_to_read(db: Database, p: Period) -> list[tuple[Callable[..., object], tuple]]:
    """The features' yearly summaries the sections above read through `once`, this year's
    and the year before's: read side by side before the sections are put together."""
    from vernelogg.services.amu.annual import annual_meetings
    from vernelogg.services.risk import risk_summary
    from vernelogg.services.rounds import rounds_summary
    from vernelogg.services.stoppage import stoppage_summary
    from vernelogg.services.training_status import training_overview

    return [  # the slowest first
        (training_overview, (db, p.end)),
        (annual_meetings, (db, p.year, p.today)),
        (annual_meetings, (db, p.year - 1, p.today)),
        (rounds_summary, (db, p.year)),
        (rounds_summary, (db, p.year - 1)),
        (risk_summary, (db, p.year)),
        (risk_summary, (db, p.year - 1)),
        (stoppage_summary, (db, p.year)),
        (stoppage_summary, (db, p.year - 1)),
    ]


PROVIDERS: list[Callable[[Database, Period], Section | None]] = [
    rounds_section,
    stoppage_section,
    risk_section,
    training_section,
    amu_section,
]
# Titles marked with N_() and translated where the table is made (summary.build_summary).
AREA_COLUMNS: list[tuple[str, Callable[[Database, Period], dict]]] = [
    (N_("Runder utført/planlagt"), rounds_by_area),
    (N_("Stansinger"), stoppages_by_area),
]

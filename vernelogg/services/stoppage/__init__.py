"""Stansing av farlig arbeid (aml. § 6-3): the stop-work register as use cases.

start_stoppage(db, area_id=…, work=…, danger=…, stopped_by_id=…, stopped_at=…)
add_event(db, stoppage_id, EventKind.EMPLOYER_INFORMED, at=…, person=…, channel=…)
get_stoppage(db, id) -> StoppageDetail; list_stoppages(db, StoppageFilter(...))
stoppage_summary(db, year) -> StoppageSummary   (for the annual HMS summary)
"""

from vernelogg.services.stoppage.info import (
    DeviationLink,
    EventInfo,
    StoppageDetail,
    StoppageFilter,
    StoppageRow,
    StoppageSummary,
    StopperOption,
)
from vernelogg.services.stoppage.links import (
    create_action_for_stoppage,
    create_deviation_for_stoppage,
    link_deviation,
)
from vernelogg.services.stoppage.records import (
    archive_stoppage,
    count_stoppages,
    get_stoppage,
    latest_stoppage_id,
    list_stoppages,
    open_stoppages,
    restore_stoppage,
    start_stoppage,
    stoppage_years,
    update_stoppage,
)
from vernelogg.services.stoppage.stoppers import (
    area_leader_name,
    default_stopper,
    eligible_stoppers,
)
from vernelogg.services.stoppage.summary import stoppage_summary
from vernelogg.services.stoppage.timeline import add_event, remove_event, update_event

__all__ = [
    "DeviationLink",
    "EventInfo",
    "StoppageDetail",
    "StoppageFilter",
    "StoppageRow",
    "StoppageSummary",
    "StopperOption",
    "add_event",
    "archive_stoppage",
    "area_leader_name",
    "count_stoppages",
    "create_action_for_stoppage",  # i18n-ignore
    "create_deviation_for_stoppage",  # i18n-ignore
    "default_stopper",
    "eligible_stoppers",
    "get_stoppage",
    "latest_stoppage_id",
    "link_deviation",
    "list_stoppages",
    "open_stoppages",
    "remove_event",
    "restore_stoppage",
    "start_stoppage",
    "stoppage_summary",
    "stoppage_years",
    "update_event",
    "update_stoppage",
]

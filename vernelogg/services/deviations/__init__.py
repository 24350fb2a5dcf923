"""Avvik: register, treat, follow up and list deviations.

register.py      create_deviation / register_deviation (AV-YYYY-NNNN, never twice)
treatment.py     leader, deadline, cause; status workflow; comments; actions; photos
notification.py  aml. § 5-2 notification of a serious injury
details.py       one avvik in full, with its timeline
listing.py       the paged list source (filters, search, sort in SQL)
export.py        CSV and XLSX out, with confidential text left out
"""

from vernelogg.services.deviations.details import (
    DeviationDetail,
    TimelineEntry,
    deviation_years,
    get_deviation,
    latest_deviation_id,
)
from vernelogg.services.deviations.listing import DeviationList, DeviationRow
from vernelogg.services.deviations.notification import record_notification
from vernelogg.services.deviations.register import (
    DeviationRef,
    create_deviation,
    register_deviation,
)
from vernelogg.services.deviations.treatment import (
    add_comment,
    add_deviation_action,
    advance,
    archive_deviation,
    attach_to_deviation,
    change_status,
    close_deviation,
    reopen_deviation,
    restore_deviation,
    treat_deviation,
    update_deviation,
)

__all__ = [
    "DeviationDetail",
    "DeviationList",
    "DeviationRef",
    "DeviationRow",
    "TimelineEntry",
    "add_comment",
    "add_deviation_action",
    "advance",
    "archive_deviation",
    "attach_to_deviation",
    "change_status",
    "close_deviation",
    "create_deviation",
    "deviation_years",
    "get_deviation",
    "latest_deviation_id",
    "record_notification",
    "register_deviation",
    "reopen_deviation",
    "restore_deviation",
    "treat_deviation",
    "update_deviation",
]

"""dbv0.0.36: dbv0.0.37 (its handlers are the same code) with fewer association and QOS fields,
and a user operation that fails whatever happens (Slurm 22.05's src/plugins/openapi/dbv0.0.36)."""
from dataclasses import replace

from . import dbv0_0_37
from .reshape import reshape

_ASSOC_NEW_IN_37 = ("max/tres/group", "is_default", "max/jobs/active", "max/jobs/accruing",
                    "max/jobs/total")

TABLES = {
    **dbv0_0_37.TABLES,
    "association": reshape(drop=_ASSOC_NEW_IN_37),
    # the active-job limits sat where 0.0.37 put the submitted-job ones, which it did not have
    "qos": reshape(move={"limits/max/jobs/active_jobs/per/account": "limits/max/jobs/per/account",
                         "limits/max/jobs/active_jobs/per/user": "limits/max/jobs/per/user"},
                   drop=("limits/max/jobs/active_jobs", "limits/factor")),
    "job": reshape(copy={"time/eligible": "time/start"}, move={"state/reason": "state/previous"},
                   drop=("container",), then=dbv0_0_37.unresolved_association_is_null),
}

# op_handler_user(): a failed GET answers 400, and DELETE never deletes (400, no error)
RULES = replace(dbv0_0_37.RULES, user_op_quirks=True)

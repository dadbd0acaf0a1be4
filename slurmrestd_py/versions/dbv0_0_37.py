"""dbv0.0.37: where its records and request handling differ from dbv0.0.38 (Slurm 22.05's
src/plugins/openapi/dbv0.0.37, parse.c and the handlers)."""
from .reshape import reshape
from .rules import Rules

def unresolved_association_is_null(job):
    """dbv0.0.38 dumps an association it cannot find as {"id": n, ...nulls}; dbv0.0.37 as null."""
    if isinstance(job.get("association"), dict) and "id" in job["association"]:
        job["association"] = None
    return job


TABLES = {
    # no user flags (DELETED) yet
    "user": reshape(drop=("flags",)),
    # the db job record: no container yet, and "time/start" dumps the eligible time
    "job": reshape(copy={"time/eligible": "time/start"}, drop=("container",),
                   then=unresolved_association_is_null),
}

RULES = Rules(
    # GET accounts, users, qos and associations read no query: deleted records are always listed
    always_with_deleted=True,
    # an association's QOS list is dumped as slurmdbd sends it: QOS ids (as strings), unsorted
    association_qos_ids=True,
    # GET/DELETE association: each filter is one value (not a comma list), and any number of
    # associations may match; DELETE always filters on account and user (unset: none) and
    # answers removed_associations only when the remove succeeds, with no entry of its own after
    # a failed remove
    association_single_filters=True,
    # POST accounts: no sacctmgr defaults for an absent description or organization
    no_account_defaults=True,
    # request bodies: an absent required field is no error, a bad optional one is ignored, a bad
    # required one is "Required field failed to parse" from the field's path
    lenient_parser=True,
    # POST associations only adds (every item, in one call): no lookup, no modify
    association_add_only=True,)

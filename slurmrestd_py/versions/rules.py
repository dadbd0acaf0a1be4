"""Where v0.0.36 and v0.0.37 (and dbv0.0.3x) handle a request unlike v0.0.38, as typed data.

A version module sets the fields that apply (`RULES = Rules(...)`): a misspelled name fails when the
module is imported, and `Plugin.rule(name)` refuses a name no field declares, so a typo can never
quietly give v0.0.38's behaviour. Unset, a rule is falsy: the version behaves as v0.0.38.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Rules:
    # slurmctld plugins
    no_update_time: bool = False  # the list endpoints take no update_time: always everything
    diag_errno_error: bool = False  # a failed GET diag: {"error", "errno"} and an empty statistics
    jobs_failure_unreported: bool = False  # a failed GET jobs: the call's code, errors[] left empty
    load_failure_codes: dict = None  # kind -> the code reported for any failed list load
    ping_errno_errors: bool = False  # a failed GET ping: two {"error"[, "errno"]} items of its own
    job_desc: dict = None  # the job description dialect: keys, error texts, default name
    job_id_integer: bool = False  # the job_id path parameter is an integer, checked as it did
    job_errors: dict = None  # the job handlers' failures in the version's words
    # slurmdbd plugins
    always_with_deleted: bool = False  # GET accounts, users, qos, associations list deleted records
    association_qos_ids: bool = False  # an association's QOS list as slurmdbd sends it: ids, unsorted
    association_single_filters: bool = False  # GET/DELETE association: one value per filter ...
    no_account_defaults: bool = False  # POST accounts: no defaults for description, organization
    lenient_parser: bool = False  # request bodies parsed leniently (see dbv0_0_37.py)
    association_add_only: bool = False  # POST associations only adds, in one call
    user_op_quirks: bool = False  # GET user that fails answers 400; DELETE never deletes


NONE = Rules()  # v0.0.38 and dbv0.0.38

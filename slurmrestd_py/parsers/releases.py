"""How a release's own slurmrestd serves a version it shares with another release, where they differ:
(release, version) -> Rules fields. A version on any other release follows its version module's own
Rules (those of Slurm 24.11's slurmrestd for v0.0.40-42).
"""
RULES = {
    # 26.05 keeps v0.0.42 as its oldest version: deprecated, its handlers renamed, and a GET of one
    # object that does not exist a warning; its HTTP layer answers 422 for slurmctld's and slurmdbd's errors
    ("26.05", "v0.0.42"): {"deprecated": True, "parameters_deprecated": True, "sources": "method",
                           "missing_is_warning": True, "slurm_errors_unprocessable": True,
                           "infinite_floats_as_numbers": True, "node_delete_verb": "delete",
                           "node_update_reason_uid": False, "specifing_typo": False,
                           "db_messages_name_connection": False, "nonexistent": "non-existent",
                           "stdio_slash": True, "reservation_delete": True, "ids_overflow_checked": True},
}

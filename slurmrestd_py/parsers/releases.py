"""How a release's own slurmrestd serves a version it shares with another release, where they differ:
(release, version) -> Rules fields. A version on any other release follows its version module's own
Rules (those of Slurm 24.11's slurmrestd for v0.0.40-42).
"""
RULES = {
    # 26.05 keeps v0.0.42 as its oldest version: deprecated, its handlers renamed, and a GET of one
    # object that does not exist a warning
    ("26.05", "v0.0.42"): {"deprecated": True, "parameters_deprecated": True, "sources": "method",
                           "missing_is_warning": True, "stdio_slash": True,
                           "db_handle_in_messages": False},
}

"""slurmrestd-py: Slurm's REST API (slurmrestd 22.05) served from Python, one process per connection.

Importing the package does nothing else: no libslurm, no slurm_init.
"""
__version__ = "0.1.0"

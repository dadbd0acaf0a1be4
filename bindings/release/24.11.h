/* Slurm 24.11: declarations only this release has (none yet; its shims are declared in decl/). */

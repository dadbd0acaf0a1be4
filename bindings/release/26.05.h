/* Slurm 26.05: declarations only this release has (none yet; its shims are declared in decl/). */

/* Slurm 26.05: declarations only this release has (none yet; its shims are declared in decl/). */
/* @fields job_desc_msg_t */
uint16_t oom_kill_step;
/* @end */

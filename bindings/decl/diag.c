/* Exported by libslurm (src/common/slurm_protocol_defs.h) but missing from the installed headers. */
extern void slurm_free_stats_response_msg(stats_info_response_msg_t *msg);

/* GET /slurm/v0.0.38/ping: slurm_load_ctl_conf (common.h) for the controllers, then slurm_ping(i). */
int slurm_ping(int dest);
/* GET /slurm/v0.0.4x/reconfigure/: slurm_reconfigure. */
int slurm_reconfigure(void);

"""slurm GET conf (v0.0.45): slurmctld's configuration (slurm_conf_t as slurm_load_ctl_conf() gives
it, the reference's SLURM_CONF and SLURM_CONF_META tables, answered as OPENAPI_CONF_RESP).

Rows: (path, field of the record or function(record), type, description), in the reference's
order. Flag values are 26.05's numbering (24.11 numbers the bits both have alike; a flag a release
lacks never shows there); HealthCheckNodeState and SelectTypeParameters read the compiled
release's constants, as their bits moved between releases.
"""
from ..queries import TIMESTAMP
from ..types import BOOL, INT64, STRING, UINT16_NO_VAL, UINT32_NO_VAL, Flags, List, Scalar, const, table
from . import V45
from .jobs import BOOL16, CSV_STRING
from .meta import STRING_ARRAY, response
from .numbers import MEM_PER_CPUS, MEM_PER_NODE, UINT16, UINT32
from .partitions import SELECT_TYPE
from .slurmdb_jobs import _governor
from .slurmdbd_conf import LOG_LEVEL, TIME_SECONDS

_INF64 = 0xFFFFFFFFFFFFFFFF


def _one_of(rows):
    """A value that is one of a list of names (the reference's flag arrays of "equal" flags only,
    written as one string): the first name whose value it is, else ""."""
    names = {}
    for name, value in rows:
        names.setdefault(value, name)
    return Scalar({"type": "string"}, lambda v: names.get(v, ""), unset="")


ACCT_STORAGE_ENFORCE = Flags(None, [("associations", 0x1), ("limits", 0x2), ("wckeys", 0x4), ("qos", 0x8),
                                    ("safe", 0x10), ("nojobs", 0x20), ("nosteps", 0x40)])
CONF_FLAGS = Flags(None, [("DisableRootJobs", 0x4), ("AllowSpecResourcesUsage", 0x8), ("UsePam", 0x10),
                          ("TrackWCKey", 0x20)])
CONF_FLAGS_COMMUNICATION_PARAMETERS = Flags(None, [("IPv4", 0x40), ("IPv6", 0x80), ("disable_http", 0x20000)])
CONF_FLAGS_ACCOUNTING_STORE = Flags(None, [("job_comment", 0x2), ("job_extra", 0x100), ("job_script", 0x200),
                                           ("job_env", 0x400), ("no_stdio", 0x10000)])
CONF_FLAGS_SLURMD_PARAMETERS = Flags(None, [
    ("config_overrides", 0x1), ("l3cache_as_socket", 0x800), ("numa_node_as_socket", 0x1000),
    ("allow_ecores", 0x2000), ("shutdown_on_reboot", 0x4000), ("contain_spank", 0x8000)])
DEBUG_FLAGS = Flags(None, [
    ("Accrue", 1 << 50), ("Agent", 1 << 52), ("AuditRPCs", 1 << 25), ("AuditTLS", 1 << 15), ("Backfill", 1 << 12),
    ("BackfillMap", 1 << 27), ("BurstBuffer", 1 << 40), ("Cgroup", 1 << 55), ("ConMgr", 1 << 9),
    ("CpuFrequency", 1 << 41), ("CPU_Bind", 1 << 3), ("Data", 1 << 8), ("DBD_Agent", 1 << 51),
    ("DB_Archive", 1 << 44), ("DB_Assoc", 1 << 30), ("DB_Event", 1 << 31), ("DB_Job", 1 << 32), ("DB_QOS", 1 << 33),
    ("DB_Query", 1 << 34), ("DB_Reservation", 1 << 35), ("DB_Resource", 1 << 36), ("DB_Step", 1 << 37),
    ("DB_TRES", 1 << 45), ("DB_Usage", 1 << 38), ("DB_WCKey", 1 << 39), ("Dependency", 1 << 53),
    ("Energy", 1 << 18), ("Federation", 1 << 48), ("Gang", 1 << 13), ("GLOB_SILENCE", 1 << 23), ("Gres", 1 << 6),
    ("Hetjob", 1 << 49), ("Interconnect", 1 << 22), ("JobAccountGather", 1 << 54), ("JobComp", 1 << 46),
    ("Namespace", 1 << 24), ("NodeFeatures", 1 << 47), ("License", 1 << 20), ("Metrics", 1 << 57), ("MPI", 1 << 7),
    ("Network", 1 << 10), ("NetworkRaw", 1 << 4), ("NO_CONF_HASH", 1 << 5), ("Power", 1 << 42),
    ("Priority", 1 << 11), ("Profile", 1 << 21), ("Protocol", 1 << 26), ("Reservation", 1 << 14),
    ("Route", 1 << 29), ("Sack", 1 << 16), ("Script", 1 << 56), ("SelectType", 1 << 0), ("Steps", 1 << 1),
    ("Switch", 1 << 17), ("thread", 1 << 43), ("TLS", 1 << 19), ("TraceJobs", 1 << 28), ("Triggers", 1 << 2)])
ENFORCE_PART_LIMITS = Flags(None, [("NO", 0, 0xFFFF), ("ANY", 2, 0xFFFF), ("ALL", 1, 0xFFFF)])
PREEMPT_MODES = Flags(None, [("DISABLED", 0, _INF64), ("SUSPEND", 0x1), ("REQUEUE", 0x2), ("CANCEL", 0x8),
                             ("GANG", 0x8000), ("WITHIN", 0x4000), ("PRIORITY", 0x2000)])
PRIORITY_FLAGS = Flags(None, [
    ("ACCRUE_ALWAYS", 0x1), ("SMALL_RELATIVE_TO_TIME", 0x4), ("CALCULATE_RUNNING", 0x10), ("DEPTH_OBLIVIOUS", 0x8),
    ("FAIR_TREE", 0x20), ("INCR_ONLY", 0x40), ("MAX_TRES", 0x2), ("MAX_TRES_GRES", 0x800),
    ("NO_NORMAL_ASSOC", 0x80), ("NO_NORMAL_PART", 0x100), ("NO_NORMAL_QOS", 0x200), ("NO_NORMAL_TRES", 0x400)])
PRIVATE_DATA = Flags(None, [("accounts", 0x20), ("events", 0x100), ("jobs", 0x1), ("nodes", 0x2),
                            ("partitions", 0x4), ("reservations", 0x40), ("usage", 0x8), ("users", 0x10)])
PROLOG_FLAGS = Flags(None, [("Alloc", 0x1), ("NoHold", 0x2), ("Contain", 0x4), ("Serial", 0x8), ("X11", 0x10),
                            ("DeferBatch", 0x20), ("ForceRequeueOnFail", 0x40), ("RunInJob", 0x80)])
RECONFIG_FLAGS = Flags(None, [("KeepPartInfo", 0x1), ("KeepPartState", 0x2), ("KeepPowerSaveSettings", 0x4)])
TASK_PLUGIN_PARAM_FLAGS = Flags(None, [
    ("None", 0x20, 0xFE0), ("Threads", 0x2, 0x1E), ("Cores", 0x4, 0x1E), ("Sockets", 0x8, 0x1E),
    ("autobind=threads", 0x4000, 0x34000), ("autobind=cores", 0x10000, 0x34000),
    ("autobind=sockets", 0x20000, 0x34000), ("Verbose", 0x1, 0x1, "bit"), ("SlurmdOffSpec", 0x40000),
    ("OOMKillStep", 0x100000), ("SlurmdSpecOverride", 0x200000)])
CPU_FREQ_GOVS = Flags(None, [(name, value, 0xFFFFFFFF) for name, value in (
    ("Unset", 0xFFFFFFFE), ("Conservative", 0x88000000), ("OnDemand", 0x84000000), ("Performance", 0x82000000),
    ("PowerSave", 0x81000000), ("SchedUtil", 0x80400000), ("UserSpace", 0x80800000), ("Low", 0x80000001),
    ("Medium", 0x80000002), ("Highm1", 0x80000004), ("High", 0x80000003))])
SELECT_TYPE_PARAM = Flags(None, SELECT_TYPE.rows)  # written inline here
PRIORITY_RESET_PERIOD = _one_of([("NONE", 0), ("NOW", 1), ("DAILY", 2), ("WEEKLY", 3), ("MONTHLY", 4),
                                 ("QUARTERLY", 5), ("YEARLY", 6)])
LOG_TIME_FORMAT = _one_of([("iso8601_ms", 0), ("iso8601", 1), ("rfc5424_ms", 2), ("rfc5424", 3), ("rfc3339", 7),
                           ("clock", 4), ("short", 5), ("thread_id", 6)])
PROPAGATE_PRIO_PROCESS = _one_of([("off", 0), ("on", 1), ("nicer", 2)])
RETURN_TO_SERVICE = _one_of([("none", 0), ("non_responsive_only", 1), ("all", 2)])
CPU_FREQ = Scalar({"type": "string"}, _governor, unset="")


def _health_check_states(value):
    """HEALTH_CHECK_NODE_STATE as the reference's flag array: START_ONLY and REBOOT_ONLY alone (26.05's
    bits), ANY over the base states it covers, then CYCLE. The bits moved in 26.05 (ANY 0xff, CYCLE
    0x100): read from the compiled release."""
    any_, cycle = const("HEALTH_CHECK_NODE_ANY"), const("HEALTH_CHECK_CYCLE")
    exclusive = (("START_ONLY", 0x200), ("REBOOT_ONLY", 0x400)) if any_ == 0xFF else ()
    base = any_ | sum(v for _, v in exclusive)
    out = []
    for name, bit in exclusive:
        if value & base == bit:
            out.append(name)
    if value & any_ == any_:
        out.append("ANY")
    elif not out:
        out += [name for name, bit in (("IDLE", 1), ("ALLOC", 2), ("MIXED", 4), ("NONDRAINED_IDLE", 8))
                if value & bit and bit & any_]
    if value & cycle:
        out.append("CYCLE")
    return out


HEALTH_CHECK_NODE_STATE = Scalar({"type": "array", "items": {"type": "string", "enum": [
    "START_ONLY", "REBOOT_ONLY", "ANY", "IDLE", "ALLOC", "MIXED", "NONDRAINED_IDLE", "CYCLE"]}},
    _health_check_states, unset=())

PORT_RANGE = table("port_range", (
    ("minimum", "minimum", UINT16, "Minimum port number"),
    ("maximum", "maximum", UINT16, "Maximum port number"),
    ("set", "set", BOOL, "True if minimum and maximum are set (or ignored on false)"),
))
CONTROLLERS = List(table("controller", (
    ("address", "address", STRING, "Controller address (IP or hostname)"),
    ("machine", "machine", STRING, "Name of machine hosting controller"),
)), "controllers_array")
JOB_DEFAULTS = List(table("job_defaults", (
    ("type", "type", Flags(None, [("DefCpuPerGPU", 1, 0xFFFF), ("DefMemPerGPU", 2, 0xFFFF)]), "Default Type"),
    ("value", "value", INT64, "Default value for the given type (e.g. CPUs per GPU or memory per GPU)."),
)), "job_defaults_list")


def _strings(field):
    """Epilog, Prolog ...: 24.11 on, an array of paths (the copy's extras made it a list); 22.05,
    one path or none."""
    def get(record):
        value = record.get(field)
        if value is None:
            return []
        return [value] if isinstance(value, str) else value
    return get


def _controllers(record):
    return [{"address": a, "machine": m} for m, a in zip(record.get("control_machine_list") or (),
                                                        record.get("control_addr_list") or ())]


def _port_range(record):
    low, high = record.get("srun_port_range_pair") or (0, 0)
    if low > 0 and high > 0:
        return {"minimum": low, "maximum": high, "set": True}
    return {"minimum": 0, "maximum": 0, "set": False}


CONF = (
    ('AccountingStorageTRES', 'accounting_storage_tres', CSV_STRING, 'List of registered TRES'),
    ('AccountingStorageBackupHost', 'accounting_storage_backup_host', STRING, 'Accounting storage backup host'),
    ('AccountingStorageEnforce', 'accounting_storage_enforce', ACCT_STORAGE_ENFORCE,
     'Controls what level of association-based enforcement to impose on job submissions'),
    ('AccountingStorageExternalHost', 'accounting_storage_ext_host', STRING, 'Accounting storage ext host'),
    ('AccountingStorageHost', 'accounting_storage_host', STRING, 'Accounting storage host'),
    ('AccountingStorageParameters', 'accounting_storage_params', CSV_STRING, 'Accounting storage params'),
    ('AccountingStoragePort', 'accounting_storage_port', UINT16, 'Node accounting storage port'),
    ('AccountingStorageType', 'accounting_storage_type', STRING, 'Accounting storage type'),
    ('AcctGatherEnergyType', 'acct_gather_energy_type', CSV_STRING, 'Energy accounting type'),
    ('AcctGatherProfileType', 'acct_gather_profile_type', STRING, 'Profile accounting type'),
    ('AcctGatherInterconnectType', 'acct_gather_interconnect_type', STRING, 'Interconnect accounting type'),
    ('AcctGatherFilesystemType', 'acct_gather_filesystem_type', STRING, 'Filesystem accounting type'),
    ('AcctGatherNodeFreq', 'acct_gather_node_freq', UINT16, 'Secs between node acct request'),
    ('ConfFlags', 'conf_flags', CONF_FLAGS,
     'General configuration flags (DisableRootJobs, AllowSpecResourcesUsage, UsePAM, TrackWCKey)'),
    ('AuthAltTypes', 'authalttypes', CSV_STRING, 'Alternate authentication types'),
    ('AuthInfo', 'authinfo', STRING, 'Authentication info'),
    ('AuthAltParameters', 'authalt_params', STRING, 'Alternate authentication parameters'),
    ('AuthType', 'authtype', STRING, 'Authentication type'),
    ('BatchStartTimeout', 'batch_start_timeout', UINT16, 'Maximum seconds for batch job to start'),
    ('BurstBufferType', 'bb_type', STRING, 'Burst buffer plugin type'),
    ('BcastExclude', 'bcast_exclude', CSV_STRING, 'Bcast exclude library paths'),
    ('BcastParameters', 'bcast_parameters', CSV_STRING, 'Bcast options'),
    ('CertgenParameters', 'certgen_params', CSV_STRING, 'Certgen parameters'),
    ('CertgenType', 'certgen_type', STRING, 'Certgen type'),
    ('CertmgrParameters', 'certmgr_params', STRING, 'Certmgr parameters'),
    ('CertmgrType', 'certmgr_type', STRING, 'Certmgr type'),
    ('CliFilterParameters', 'cli_filter_params', CSV_STRING, 'Parameters for cli_filter plugins'),
    ('CliFilterPlugins', 'cli_filter_plugins', CSV_STRING, 'List of cli_filter plugins to use'),
    ('ClusterName', 'cluster_name', STRING, 'General name of the entire cluster'),
    ('CommunicationParameters', 'comm_params', CSV_STRING, 'Communication parameters'),
    ('CompleteWait', 'complete_wait', UINT16, 'Seconds to wait for job completion before scheduling another job'),
    ('CommunicationParametersFlags', 'conf_flags', CONF_FLAGS_COMMUNICATION_PARAMETERS,
     'CommunicationParameters specific CONF_FLAG_* flags'),
    ('AccountingStoreFlags', 'conf_flags', CONF_FLAGS_ACCOUNTING_STORE,
     'AccountingStoreFlags specific CONF_FLAG_* flags'),
    ('SlurmdParametersFlags', 'conf_flags', CONF_FLAGS_SLURMD_PARAMETERS,
     'SlurmdParameters specific CONF_FLAG_* flags'),
    ('controllers', _controllers, CONTROLLERS, 'slurmctld controllers (List of slurmctld controllers)'),
    ('CpuFreqDef', 'cpu_freq_def', CPU_FREQ,
     'Default CPU frequency or governor for job steps if not set via --cpu-freq'),
    ('CpuFreqGovernors', 'cpu_freq_govs', CPU_FREQ_GOVS, 'CPU frequency governors allowed via --cpu-freq'),
    ('CredType', 'cred_type', STRING, 'Credential signature plugin'),
    ('DataParserParameters', 'data_parser_parameters', STRING, 'Data parser parameters'),
    ('DebugFlags', 'debug_flags', DEBUG_FLAGS, 'Subsystems which provide more detailed event logging'),
    ('DefMemPerCPU', 'def_mem_per_cpu', MEM_PER_CPUS,
     'Default MB memory per allocated CPU (64 bit integer number with flags)'),
    ('DependencyParameters', 'dependency_params', CSV_STRING, 'Options controlling job dependency behavior'),
    ('EioTimeout', 'eio_timeout', UINT16, 'Seconds srun waits for slurmstepd to close the TCP/IP connection'),
    ('EnforcePartLimits', 'enforce_part_limits', ENFORCE_PART_LIMITS,
     'Controls whether partition limits are enforced at job submission time'),
    ('Epilog', _strings('epilog'), STRING_ARRAY,
     'pathname of job epilog run by slurmd (Epilog programs run by slurmd)'),
    ('EpilogMsgTime', 'epilog_msg_time', UINT32, 'Usecs for slurmctld to process an epilog complete message'),
    ('EpilogSlurmctld', _strings('epilog_slurmctld'), STRING_ARRAY,
     'pathname of job epilog run by slurmctld (Epilog programs run by slurmctld)'),
    ('EpilogTimeout', 'epilog_timeout', UINT16_NO_VAL, 'Epilog timeout in seconds (16 bit integer number with flags)'),
    ('FederationParameters', 'fed_params', CSV_STRING, 'Federation parameters'),
    ('FirstJobId', 'first_job_id', UINT32, 'First slurm generated job_id to assign'),
    ('FairShareDampeningFactor', 'fs_dampening_factor', UINT16,
     'Dampening factor for the effect of exceeding fair share of resources'),
    ('GetNameInfoCacheTimeout', 'getnameinfo_cache_timeout', UINT16, 'For getnameinfo() cache'),
    ('GresTypes', 'gres_plugins', CSV_STRING, 'Comma-delimited list of generic resources to be managed'),
    ('GroupUpdateTime', 'group_time', UINT16, 'Interval in seconds between updates of user/group partition membership'),
    ('GroupUpdateForce', 'group_force', BOOL16, 'Update group/partition info even if no change detected'),
    ('GpuFreqDef', 'gpu_freq_def', STRING, 'Default GPU frequency for job steps if not set via --gpu-freq'),
    ('HashPlugin', 'hash_plugin', STRING, 'Hash plugin type'),
    ('HealthCheckInterval', 'health_check_interval', UINT16, 'Secs between health checks'),
    ('HealthCheckNodeState', 'health_check_node_state', HEALTH_CHECK_NODE_STATE,
     'Node states on which to execute the HealthCheckProgram'),
    ('HealthCheckProgram', 'health_check_program', STRING, 'Pathname of health check program'),
    ('HealthCheckTimeout', 'health_check_timeout', UINT16, 'Timeout for health check program'),
    ('HttpParserType', 'http_parser_type', STRING, 'Http_parser plugin type'),
    ('HostUnreachRetryCount', 'host_unreach_retry_count', UINT32, 'Times to retry connecting if rc=EHOSTUNREACH'),
    ('InactiveLimit', 'inactive_limit', UINT16,
     'Seconds of inactivity before a inactive resource allocation is released'),
    ('InteractiveStepOptions', 'interactive_step_opts', STRING,
     'Options for srun when using LaunchParameters=use_interactive_step with salloc'),
    ('JobAcctGatherFrequency', 'job_acct_gather_freq', CSV_STRING, 'Poll frequency for job accounting gather plugins'),
    ('JobAcctGatherType', 'job_acct_gather_type', STRING, 'Job accounting gather type'),
    ('JobAcctGatherParams', 'job_acct_gather_params', CSV_STRING, 'Job accounting gather parameters'),
    ('JobAcctOomKill', 'job_acct_oom_kill', BOOL16, 'Enforce mem limit at runtime y|n'),
    ('JobCompHost', 'job_comp_host', STRING, 'Job completion logging host'),
    ('JobCompLoc', 'job_comp_loc', STRING, 'Job completion logging location'),
    ('JobCompParams', 'job_comp_params', STRING, 'Job completion parameters for plugin'),
    ('JobCompPort', 'job_comp_port', UINT32, 'Job completion storage port'),
    ('JobCompType', 'job_comp_type', STRING, 'Job completion storage type'),
    ('JobCompUser', 'job_comp_user', STRING, 'Job completion storage user'),
    ('JobDefaults', 'job_defaults', JOB_DEFAULTS, 'List of job_defaults_t elements'),
    ('JobFileAppend', 'job_file_append', BOOL16, 'If set, append to stdout/err file'),
    ('JobRequeue', 'job_requeue', BOOL16, 'If set, jobs get requeued on node failure'),
    ('JobSubmitPlugins', 'job_submit_plugins', CSV_STRING, 'List of job_submit plugins to use'),
    ('KeepaliveInterval', 'keepalive_interval', UINT32, 'Interval between keepalive probes'),
    ('KeepaliveProbes', 'keepalive_probes', UINT32, 'Number of keepalive probe attempts'),
    ('KeepaliveTime', 'keepalive_time', UINT32, 'Keep alive time for srun I/O sockets'),
    ('KillOnBadExit', 'kill_on_bad_exit', BOOL16,
     'If set, the job will be terminated immediately when one of the processes is aborted or crashed'),
    ('KillWait', 'kill_wait', UINT16, 'Seconds between SIGTERM and SIGKILL when a job reaches its time limit'),
    ('LaunchParameters', 'launch_params', CSV_STRING, 'Step launcher plugin options'),
    ('Licenses', 'licenses', CSV_STRING, 'Licenses available on this cluster'),
    ('LicenseParameters', 'license_params', CSV_STRING, 'Options for licenses/HRES'),
    ('LogTimeFormat', 'log_fmt', LOG_TIME_FORMAT, 'Format of the timestamp in slurmctld and slurmd log files'),
    ('MailDomain', 'mail_domain', STRING, 'Default domain to append to usernames'),
    ('MailProg', 'mail_prog', STRING, 'Pathname of mail program'),
    ('MaxArraySize', 'max_array_sz', UINT32, 'Maximum job array size'),
    ('MaxBatchRequeue', 'max_batch_requeue', UINT32, 'Max times a batch job may be auto-requeued before being held'),
    ('MaxDBDMsgs', 'max_dbd_msgs', UINT32, 'Maximum number of messages queued while DBD is not connected'),
    ('MaxJobCount', 'max_job_cnt', UINT32, 'Maximum number of active jobs'),
    ('MaxJobId', 'max_job_id', UINT32, 'Maximum job id before wrapping back to FirstJobId'),
    ('MaxMemPerCPU', 'max_mem_per_cpu', MEM_PER_NODE,
     'Maximum MB memory per allocated CPU (64 bit integer number with flags)'),
    ('MaxNodeCount', 'max_node_cnt', UINT32, 'Max number of static + dynamic nodes'),
    ('MaxStepCount', 'max_step_cnt', UINT32, 'Maximum number of steps per job'),
    ('MaxTasksPerNode', 'max_tasks_per_node', UINT16, 'Maximum tasks per node'),
    ('MCSPlugin', 'mcs_plugin', STRING, 'Mcs plugin type'),
    ('MCSParameters', 'mcs_plugin_params', CSV_STRING, 'Mcs plugin parameters'),
    ('MetricsAuthUsers', 'metrics_auth_users', CSV_STRING, 'Users allowed to query metrics'),
    ('MetricsParameters', 'metrics_params', CSV_STRING, 'Parameters related to metrics plugins'),
    ('MetricsType', 'metrics_type', STRING, 'Metrics plugin type'),
    ('MinJobAge', 'min_job_age', UINT32, 'COMPLETED jobs over this age (secs) purged from in memory records'),
    ('MpiDefault', 'mpi_default', STRING, 'Default type of MPI to be used'),
    ('MpiParams', 'mpi_params', CSV_STRING, 'MPI parameters'),
    ('MessageTimeout', 'msg_timeout', UINT16, 'Seconds permitted for a round-trip communication to complete'),
    ('NamespaceType', 'namespace_plugin', STRING, 'Namespace plugin type'),
    ('NodeFeaturesPlugins', 'node_features_plugins', CSV_STRING, 'List of node_features plugins to use'),
    ('OverTimeLimit', 'over_time_limit', UINT16,
     'Minutes by which a job can exceed its time limit before being canceled'),
    ('PluginDir', 'plugindir', STRING, 'Pathname to plugins'),
    ('PlugStackConfig', 'plugstack', STRING, 'Pathname to plugin stack config file'),
    ('PreemptExemptTime', 'preempt_exempt_time', UINT32_NO_VAL,
     'Minimum run time for all jobs before they can be considered for preemption (32 bit integer number '
     'with flags)'),
    ('PreemptMode', 'preempt_mode', PREEMPT_MODES, 'Mechanism used to preempt jobs or enable gang scheduling'),
    ('PreemptParameters', 'preempt_params', CSV_STRING, 'Options controlling preemption behavior'),
    ('PreemptType', 'preempt_type', STRING, 'Job preemption selection plugin'),
    ('PrEpParameters', 'prep_params', STRING, 'PrEp parameters'),
    ('PrEpPlugins', 'prep_plugins', CSV_STRING, 'PrEp plugins'),
    ('PriorityDecayHalfLife', 'priority_decay_hl', TIME_SECONDS,
     'How long prior resource use is considered in determining job priority (Time formatted as HH:MM:SS or'
     ' D-HH:MM:SS)'),
    ('PriorityCalcPeriod', 'priority_calc_period', TIME_SECONDS,
     'Period in minutes between half-life decay recalculations (Time formatted as HH:MM:SS or D-HH:MM:SS)'),
    ('PriorityFavorSmall', 'priority_favor_small', BOOL16, 'If set, give small jobs preferential scheduling priority'),
    ('PriorityFlags', 'priority_flags', PRIORITY_FLAGS, 'Flags controlling priority calculation behavior'),
    ('PriorityMaxAge', 'priority_max_age', TIME_SECONDS,
     'Job age at which the maximum age priority factor is assigned (Time formatted as HH:MM:SS or '
     'D-HH:MM:SS)'),
    ('PriorityParameters', 'priority_params', STRING, 'Priority plugin parameters'),
    ('PriorityUsageResetPeriod', 'priority_reset_period', PRIORITY_RESET_PERIOD,
     'Interval at which association usage is reset to zero'),
    ('PriorityType', 'priority_type', STRING, 'Priority type plugin'),
    ('PriorityWeightAge', 'priority_weight_age', UINT32, 'Degree to which queue wait time contributes to job priority'),
    ('PriorityWeightAssoc', 'priority_weight_assoc', UINT32, 'Degree to which association contributes to job priority'),
    ('PriorityWeightFairshare', 'priority_weight_fs', UINT32, 'Degree to which fair-share contributes to job priority'),
    ('PriorityWeightJobSize', 'priority_weight_js', UINT32, 'Degree to which job size contributes to job priority'),
    ('PriorityWeightPartition', 'priority_weight_part', UINT32,
     'Degree to which partition contributes to job priority'),
    ('PriorityWeightQOS', 'priority_weight_qos', UINT32, 'Degree to which QOS contributes to job priority'),
    ('PriorityWeightTRES', 'priority_weight_tres', STRING,
     'TRES types and weights controlling their contribution to job priority'),
    ('PrivateData', 'private_data', PRIVATE_DATA, 'Controls what information is hidden from regular users'),
    ('ProctrackType', 'proctrack_type', STRING, 'Process tracking plugin type'),
    ('Prolog', _strings('prolog'), STRING_ARRAY,
     'pathname of job prolog run by slurmd (Prolog programs run by slurmd)'),
    ('PrologSlurmctld', _strings('prolog_slurmctld'), STRING_ARRAY,
     'pathname of job prolog run by slurmctld (Prolog programs run by slurmctld)'),
    ('PrologTimeout', 'prolog_timeout', UINT16_NO_VAL, 'Prolog timeout in seconds (16 bit integer number with flags)'),
    ('PropagatePrioProcess', 'propagate_prio_process', PROPAGATE_PRIO_PROCESS,
     'Controls scheduling priority (nice value) of user spawned tasks'),
    ('PrologFlags', 'prolog_flags', PROLOG_FLAGS, 'Flags controlling Prolog and Epilog behavior'),
    ('PropagateResourceLimits', 'propagate_rlimits', CSV_STRING, 'Propagate (all/specific) resource limits'),
    ('PropagateResourceLimitsExcept', 'propagate_rlimits_except', CSV_STRING, 'Propagate all rlimits except these'),
    ('RebootProgram', 'reboot_program', STRING, 'Program to reboot the node'),
    ('ReconfigFlags', 'reconfig_flags', RECONFIG_FLAGS, 'Flags controlling actions taken on scontrol reconfig'),
    ('RequeueExit', 'requeue_exit', CSV_STRING, 'Exit codes that trigger automatic batch job requeue'),
    ('RequeueExitHold', 'requeue_exit_hold', CSV_STRING, 'Exit codes that trigger automatic requeue with job hold'),
    ('ResumeFailProgram', 'resume_fail_program', STRING, 'Program executed when nodes fail to resume by ResumeTimeout'),
    ('ResumeProgram', 'resume_program', STRING, 'Program to bring nodes out of power save mode when assigned work'),
    ('ResumeRate', 'resume_rate', UINT16, 'Rate at which nodes are resumed from power save mode per minute'),
    ('ResumeTimeout', 'resume_timeout', UINT16, 'Max seconds between a resume request and node availability'),
    ('ResvEpilog', 'resv_epilog', STRING, 'Path of reservation epilog run by slurmctld'),
    ('ResvOverRun', 'resv_over_run', UINT16, 'Minutes a running job can continue after its reservation ends'),
    ('ResvProlog', 'resv_prolog', STRING, 'Path of reservation prolog run by slurmctld'),
    ('ReturnToService', 'ret2service', RETURN_TO_SERVICE, 'Controls when a DOWN node is returned to service'),
    ('SlurmSchedLogFile', 'sched_logfile', STRING, 'Where slurm Scheduler log gets written'),
    ('SlurmSchedLogLevel', 'sched_log_level', UINT16, 'Configured level of slurm Scheduler log'),
    ('SchedulerParameters', 'sched_params', CSV_STRING,
     'Options controlling scheduler behavior (varies by SchedulerType)'),
    ('SchedulerTimeSlice', 'sched_time_slice', UINT16, 'Time slice in seconds for gang scheduling'),
    ('SchedulerType', 'schedtype', STRING, 'Type of scheduler to use'),
    ('ScronParameters', 'scron_params', CSV_STRING, 'Options controlling scrontab behavior'),
    ('SelectType', 'select_type', STRING, 'Type of node selector to use'),
    ('SelectTypeParameters', 'select_type_param', SELECT_TYPE_PARAM, 'Scheduler consumable resource selection type'),
    ('PrioritySiteFactorPlugin', 'site_factor_plugin', STRING, 'Plugin for computing site-specific priority factors'),
    ('PrioritySiteFactorParameters', 'site_factor_params', STRING,
     'Parameters for the site-specific priority factor plugin'),
    ('SlurmUserId', 'slurm_user_id', UINT32, 'Uid of slurm_user_name'),
    ('SlurmUser', 'slurm_user_name', STRING, 'User that slurmctld runs as'),
    ('SlurmdUserId', 'slurmd_user_id', UINT32, 'Uid of slurmd_user_name'),
    ('SlurmdUser', 'slurmd_user_name', STRING, 'User that slurmd runs as'),
    ('SlurmctldAddr', 'slurmctld_addr', STRING,
     'Address used for communications to the currently active slurmctld daemon'),
    ('SlurmctldDebug', 'slurmctld_debug', LOG_LEVEL, 'Slurmctld logging level'),
    ('SlurmctldHttpAuthParams', 'slurmctld_http_auth_params', CSV_STRING, None),
    ('SlurmctldLogFile', 'slurmctld_logfile', STRING, 'Where slurmctld error log gets written'),
    ('SlurmctldPidFile', 'slurmctld_pidfile', STRING, 'Where to put slurmctld pidfile'),
    ('SlurmctldPort', 'slurmctld_port', UINT32, 'Default communications port to slurmctld'),
    ('SlurmctldPortCount', 'slurmctld_port_count', UINT16, 'Number of slurmctld comm ports'),
    ('SlurmctldPrimaryOffProg', 'slurmctld_primary_off_prog', STRING, 'Run when becomes slurmctld backup'),
    ('SlurmctldPrimaryOnProg', 'slurmctld_primary_on_prog', STRING, 'Run when becomes slurmctld primary'),
    ('SlurmctldSyslogDebug', 'slurmctld_syslog_debug', LOG_LEVEL, 'Slurmctld output to local logfile and syslog'),
    ('SlurmctldTimeout', 'slurmctld_timeout', UINT16,
     'Seconds the backup controller waits for the primary before taking over'),
    ('SlurmctldParameters', 'slurmctld_params', CSV_STRING, 'Options controlling slurmctld behavior'),
    ('SlurmdDebug', 'slurmd_debug', LOG_LEVEL, 'Slurmd logging level'),
    ('SlurmdHttpAuthParams', 'slurmd_http_auth_params', CSV_STRING, None),
    ('SlurmdLogFile', 'slurmd_logfile', STRING, 'Where slurmd error log gets written'),
    ('SlurmdParameters', 'slurmd_params', CSV_STRING, 'Options controlling slurmd behavior'),
    ('SlurmdPidFile', 'slurmd_pidfile', STRING, 'Where to put slurmd pidfile'),
    ('SlurmdPort', 'slurmd_port', UINT32, 'Default communications port to slurmd'),
    ('SlurmdSpoolDir', 'slurmd_spooldir', STRING, 'Where slurmd put temporary state info'),
    ('SlurmdSyslogDebug', 'slurmd_syslog_debug', LOG_LEVEL, 'Slurmd output to local logfile and syslog'),
    ('SlurmdTimeout', 'slurmd_timeout', UINT16, 'Seconds slurmctld waits for slurmd before marking node DOWN'),
    ('SrunEpilog', 'srun_epilog', STRING, 'Srun epilog program'),
    ('SrunPortRange', _port_range, PORT_RANGE, 'Port range for srun communications (Port range)'),
    ('SrunProlog', 'srun_prolog', STRING, 'Srun prolog program'),
    ('StateSaveLocation', 'state_save_location', STRING, 'Pathname of slurmctld state save directory'),
    ('SuspendExcNodes', 'suspend_exc_nodes', CSV_STRING, 'Nodes excluded from power save mode'),
    ('SuspendExcParts', 'suspend_exc_parts', CSV_STRING, 'Partitions whose nodes are excluded from power save mode'),
    ('SuspendExcStates', 'suspend_exc_states', CSV_STRING, 'States that should not be powered down'),
    ('SuspendProgram', 'suspend_program', STRING, 'Program to place idle nodes into power save mode'),
    ('SuspendRate', 'suspend_rate', UINT16, 'Rate at which nodes are placed into power save mode per minute'),
    ('SuspendTime', 'suspend_time', UINT32_NO_VAL,
     'Seconds a node must be idle before being placed in power save mode (32 bit integer number with '
     'flags)'),
    ('SuspendTimeout', 'suspend_timeout', UINT16, 'Max seconds between a suspend request and node shutdown'),
    ('SwitchType', 'switch_type', STRING, 'Switch or interconnect type'),
    ('SwitchParameters', 'switch_param', CSV_STRING, 'Options for the switch plugin'),
    ('TaskEpilog', 'task_epilog', STRING, 'Pathname of task launch epilog'),
    ('TaskPlugin', 'task_plugin', CSV_STRING, 'Task launch plugin'),
    ('TaskPluginParam', 'task_plugin_param', TASK_PLUGIN_PARAM_FLAGS, 'Default task binding and distribution options'),
    ('TaskProlog', 'task_prolog', STRING, 'Pathname of task launch prolog'),
    ('TLSParameters', 'tls_params', CSV_STRING, 'Options for the TLS plugin'),
    ('TLSType', 'tls_type', STRING, 'Tls plugin type'),
    ('TCPTimeout', 'tcp_timeout', UINT16, 'Seconds permitted for a TCP connection to be established'),
    ('TmpFS', 'tmp_fs', STRING, 'Pathname of temporary file system'),
    ('TopologyParam', 'topology_param', CSV_STRING, 'Network topology parameters'),
    ('TopologyPlugin', 'topology_plugin', STRING, 'Network topology plugin'),
    ('TreeWidth', 'tree_width', UINT16, 'Fanout of the slurmd communication tree'),
    ('UnkillableStepProgram', 'unkillable_program', STRING,
     'Program run by the slurmstepd when processes in a job step are unkillable'),
    ('UnkillableStepTimeout', 'unkillable_timeout', UINT16,
     'Time in seconds, after processes in a job step have been signaled, before they are considered "unkillable".'),
    ('UrlParserType', 'url_parser_type', STRING, 'Url_parser plugin type'),
    ('VSizeFactor', 'vsize_factor', UINT16, 'Job virtual memory limit as a percentage of its real memory limit'),
    ('WaitTime', 'wait_time', UINT16, 'Default seconds srun waits after first task exits before terminating all'),
    ('X11Parameters', 'x11_params', CSV_STRING, 'Options for X11 forwarding'),
)

META = (
    ("LastUpdate", "last_update", INT64,
     'Last update time of the build parameters (UNIX timestamp or time string recognized by Slurm (e.g., '
     "'[MM/DD[/YY]-]HH:MM[:SS]'))"),
    ("BOOT_TIME", "boot_time", INT64,
     'Time slurmctld last booted (UNIX timestamp or time string recognized by Slurm (e.g., '
     "'[MM/DD[/YY]-]HH:MM[:SS]'))"),
    ("ClusterId", "cluster_id", UINT16_NO_VAL,
     'Unique ID for this cluster from the DBD (16 bit integer number with flags)'),
    ("HashValue", "hash_val", UINT32, "Hash value of the slurm.conf file"),
    ("NEXT_JOB_ID", "next_job_id", UINT32_NO_VAL,
     'Next slurm generated job_id to assign (32 bit integer number with flags)'),
    ("SLURM_CONF", "slurm_conf", STRING, "Pathname of slurm config file"),
    ("SLURM_VERSION", "version", STRING, "Version of slurmctld"),
)


def objects(version):
    if version not in V45:
        return {}
    return {"slurm_conf": table("slurm_conf", CONF, version),
            "slurm_conf_meta": table("slurm_conf_meta", META, version)}


def responses(version, objects):
    if version not in V45:
        return {}
    return {"slurm_conf": response("openapi_conf_resp", (
        ("slurm_conf", "slurm_conf", objects["slurm_conf"], "Configuration from slurm.conf"),
        ("slurm_conf_meta", "slurm_conf_meta", objects["slurm_conf_meta"], "Meta data related to slurm.conf"),
    ), version)}


QUERIES = {"slurm_conf": (
    ("update_time", TIMESTAMP, "Query config updated more recently than this time (UNIX timestamp)"),
)}

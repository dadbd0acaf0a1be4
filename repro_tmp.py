import sys; sys.path.insert(0, "tests")
from parsed import ours
from reference import reference
for p in ("/slurmdb/v0.0.42/job/0", "/slurmdb/v0.0.42/job/-1", "/slurmdb/v0.0.42/job/99999999999"):
    o = ours("GET", p); r = reference("GET", p)
    print(p, "ours", o[0], o[2].get("errors") if isinstance(o[2], dict) else o[2], "ref", r[0], r[2].get("errors") if isinstance(r[2], dict) else r[2])

import json, sys
sys.path.insert(0, "tests")
from reference import reference
from parsed import ours
from db_admin import administrator
import subprocess, os
reqs = json.loads(sys.argv[1])
with administrator("dbwadm"):
    for method, path, body, user in reqs:
        for f in (reference, ours):
            s, h, d = f(method, path, body, user=user)
            print(f.__name__, method, path, user, json.dumps(body)[:200]); print(s, json.dumps({k: v for k, v in d.items() if k != "meta"} if isinstance(d, dict) else d, indent=None)[:3000])
            subprocess.run(["sacctmgr", "-i", "delete", "qos", "dbw_q1"], capture_output=True)

"""Method + path template -> operation: a declarative table and its matcher.

Paths match segment by segment, empty segments ignored, so `/slurm//v0.0.38/ping/` finds the same
operation as `/slurm/v0.0.38/ping`, as with the reference. `{name}` matches one segment.
"""
from .errors import DATA_PATH_NOT_FOUND, REST_INVALID_QUERY, ApiError
from .fields import REQUIRED, Fields

NOT_FOUND = "Unable find requested URL. Please view /openapi/v3 for API reference."
NOT_ALLOWED = "Requested REST method is not defined at URL. Please view /openapi/v3 for API reference."


class Route(Fields):
    """(method, template, operation, plugin), frozen; a process makes one per route of every
    enabled version (~560), so its __init__ is written out rather than Fields' general one."""

    __slots__ = ("method", "template", "operation", "plugin")
    FIELDS = (("method", REQUIRED), ("template", REQUIRED), ("operation", REQUIRED), ("plugin", None))
    FROZEN = True

    def __init__(self, method, template, operation, plugin=None):
        setter = object.__setattr__
        setter(self, "method", method)
        setter(self, "template", template)
        setter(self, "operation", operation)  # what the app calls; routing never looks inside
        setter(self, "plugin", plugin)  # "v0.0.38", "dbv0.0.38" ...; None for the OpenAPI document

    @property
    def segments(self):
        return _segments(self.template)


def _segments(path):
    return tuple(s for s in path.split("/") if s)


class Router:
    def __init__(self, routes):
        # segment count -> [(segments, route)]: a request is compared only with templates of its length.
        self._by_length = {}
        for route in routes:
            segs = route.segments
            self._by_length.setdefault(len(segs), []).append((segs, route))
        # Literal segments win over parameters: POST /job/submit is not POST /job/{job_id}.
        for entries in self._by_length.values():
            entries.sort(key=lambda e: [s.startswith("{") for s in e[0]])

    def match(self, method, path):
        """(route, params) for the request; ApiError 404 or 405 when there is none."""
        segs = _segments(path)
        allowed = False
        for template, route in self._by_length.get(len(segs), ()):
            params = _bind(template, segs)
            if params is None:
                continue
            if route.method == method:
                return route, params
            allowed = True
        if allowed:
            raise ApiError(405, NOT_ALLOWED, REST_INVALID_QUERY, close=True)
        raise not_found()


def not_found():
    """The answer to a path no route serves."""
    return ApiError(404, NOT_FOUND, DATA_PATH_NOT_FOUND, close=True)


def _bind(template, segs):
    params = {}
    for t, s in zip(template, segs):
        if t[0] == "{" and t[-1] == "}":
            params[t[1:-1]] = s
        elif t != s:
            return None
    return params

"""The slurmdb DELETE operations, by the names the reference's operationIds give them
(slurmdb_v0042_delete_account ...): the handlers live with their GETs."""
from .accounts import delete_account as account
from .associations import delete_association as association
from .associations import delete_associations as associations
from .users import delete_user as user

__all__ = ("account", "association", "associations", "user")

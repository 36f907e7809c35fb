"""Every Firestore call bounded and its failures translated: the deadlines, retries and error map
of :class:`~klepaas_shared.store.firestore.FirestoreStore`.

The SDK's own defaults retry an unreachable Firestore for a minute per call (a transaction makes
several calls), so an instance with a dead connection would hang its request. Here each call
gets ``timeout_s`` in all: short retries while that lasts, then
:class:`~klepaas_shared.errors.Unavailable` (503, retried by event entry points).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import ConfigError, Conflict, NotFound, Unavailable, UpstreamError


@contextmanager
def google_errors(what: str) -> Iterator[None]:
    """Translate Google API and gRPC errors raised inside the block into our error classes."""
    import grpc  # type: ignore[import-untyped]
    from google.api_core import exceptions as gexc

    try:
        yield
    except gexc.NotFound as exc:
        raise NotFound(f"{what} does not exist") from exc
    except (gexc.ServiceUnavailable, gexc.DeadlineExceeded, gexc.Aborted, gexc.InternalServerError) as exc:
        # before Conflict: the SDK's Aborted (contention) is a subclass of its Conflict
        raise Unavailable(f"Firestore is unavailable ({type(exc).__name__}) for {what}") from exc
    except (gexc.AlreadyExists, gexc.Conflict) as exc:
        raise Conflict(f"{what} already exists or changed meanwhile") from exc
    except gexc.RetryError as exc:
        raise Unavailable(f"Firestore did not answer in time for {what}") from exc
    except (gexc.PermissionDenied, gexc.Unauthenticated) as exc:
        raise ConfigError(f"Firestore refused access ({type(exc).__name__}): check the service account") from exc
    except gexc.GoogleAPICallError as exc:
        raise UpstreamError(f"Firestore failed ({type(exc).__name__}) for {what}") from exc
    except grpc.RpcError as exc:  # a stream broken mid-way surfaces untranslated
        raise Unavailable(f"Firestore broke off ({type(exc).__name__}) for {what}") from exc


def bounded(timeout_s: float, *, write: bool = False) -> dict[str, Any]:
    """The ``retry=`` and ``timeout=`` keywords of one SDK call lasting at most about ``timeout_s``.

    A read is retried on any transient error; a write only when it cannot have been applied
    (unreachable), never after a deadline, lest an :class:`Increment` count twice."""
    from google.api_core import exceptions as gexc
    from google.api_core.retry import Retry, if_exception_type

    transient: tuple[type[Exception], ...] = (gexc.ServiceUnavailable,)
    if not write:
        transient += (gexc.DeadlineExceeded, gexc.InternalServerError)
    retry = Retry(predicate=if_exception_type(*transient), initial=0.05, maximum=1.0, multiplier=2.0, timeout=timeout_s)
    return {"retry": retry, "timeout": timeout_s}


def bounded_transaction(client: Any, max_attempts: int, timeout_s: float) -> Any:
    """A Firestore transaction whose begin, commit and rollback are bounded like every other call.

    The SDK's ``Transaction`` calls these three without ``retry``/``timeout`` keywords (its one-minute
    defaults), and when ``begin`` fails its rollback raises "not in progress", hiding the cause."""
    from google.api_core.exceptions import GoogleAPICallError
    from google.cloud.firestore_v1.transaction import Transaction

    class BoundedTransaction(Transaction):
        def _call(self, method: str, request: dict[str, Any], *, write: bool = False) -> Any:
            api = self._client._firestore_api
            metadata = self._client._rpc_metadata
            return getattr(api, method)(request=request, metadata=metadata, **bounded(timeout_s, write=write))

        def _begin(self, retry_id: bytes | None = None) -> None:
            if self.in_progress:
                raise ValueError(f"transaction {self._id!r} has already begun")
            options = self._options_protobuf(retry_id)
            response = self._call("begin_transaction", {"database": self._client._database_string, "options": options})
            self._id = response.transaction

        def _commit(self) -> list[Any]:
            if not self.in_progress:
                raise ValueError("no transaction in progress to commit")
            request = {"database": self._client._database_string, "writes": self._write_pbs, "transaction": self._id}
            response = self._call("commit", request, write=True)
            self._clean_up()
            self.write_results = list(response.write_results)
            self.commit_time = response.commit_time
            return self.write_results

        def _rollback(self) -> None:
            if not self.in_progress:
                return  # begin failed: the caller re-raises that failure
            try:
                self._call("rollback", {"database": self._client._database_string, "transaction": self._id})
            except GoogleAPICallError:
                pass  # the transaction's own error is the one to report; Firestore expires the rest
            finally:
                self._clean_up()

    return BoundedTransaction(client, max_attempts=max_attempts)

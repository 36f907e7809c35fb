"""Deploy's typed `data` → the console's `NLPResponse` envelope, one renderer shape per `type`."""

from klepaas_nlp.formatting.envelope import (
    envelope,
    error_result,
    escape,
    format_operation,
    status_error_result,
    unknown_result,
)

__all__ = ["envelope", "error_result", "escape", "format_operation", "status_error_result", "unknown_result"]

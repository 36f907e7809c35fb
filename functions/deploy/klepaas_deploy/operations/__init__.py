"""The operations engine: accept a typed command, hold it for approval, run it, follow its rollout
(in bounded slices), record and announce the result, and end work that is stuck."""

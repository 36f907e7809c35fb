"""Build and release stages: SourceCommit mirror, SourceBuild or Cloud Build, SourceDeploy or a rollout.

Each module is self-contained; :mod:`.runner` runs the stages of one request and reports through
the :class:`~.runner.StageRecorder` and :class:`~.runner.Release` protocols.
"""

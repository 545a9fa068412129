"""The orchestrator: `sync`, `regenerate` and `remove` compose the stages around the store.

Order of writes (crash safety): the names about to be written are recorded in the store; audio
files are written under temporary names and renamed into place; the episode is committed to the store
in one transaction; then the feed is written (it lists only what the store has); old files go last.
A killed run leaves only recorded names and temporary files behind, which the next run removes.

Read `run` first: a sync is `plan` (plan.py), then for each work item `build` and `record` (build.py),
then publish (output.py: the published folder and the state's housekeeping). Beside them: `sources`
(getting a post's text), `podcast` (podcast and episode metadata), `voices` and `adopt`.
"""

from post2pod.pipeline.podcast import SLUG_MAX, build_podcast, describe, script_hash, slugify
from post2pod.pipeline.run import (
    Options,
    Progress,
    adopt,
    podcast_publishing,
    prune_cache,
    regenerate,
    remove,
    sync,
    voices_dir,
)
from post2pod.pipeline.sources import explain_post_script, load_post_script
from post2pod.synth.pool import WorkerPool

__all__ = [
    "SLUG_MAX",
    "Options",
    "Progress",
    "WorkerPool",
    "adopt",
    "build_podcast",
    "describe",
    "explain_post_script",
    "load_post_script",
    "podcast_publishing",
    "prune_cache",
    "regenerate",
    "remove",
    "script_hash",
    "slugify",
    "sync",
    "voices_dir",
]

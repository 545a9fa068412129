"""The orchestrator: `sync`, `regenerate`, `remove` and `adopt` compose the stages around the store.

Order of writes (crash safety): the names about to be written are recorded in the store; audio
files are written under temporary names and renamed into place; the episode is committed to the store
in one transaction; then the feed is written (it lists only what the store has); old files go last.
A killed run leaves only recorded names and temporary files behind, which the next run removes.

Read `run` first: a sync fetches its sources (`merge`), makes a `Run` (`context`), then `plan`, and for
each work item `build` and `record`, then `publish` (the published folder and its housekeeping).
Beside them: `sources` (getting a post's text), `podcast` (the channel), `identity` (guids, slugs,
file names, hashes), `voices` and `log` (the `post2pod` logger).
"""

from post2pod.pipeline.context import Options, Progress, voices_dir
from post2pod.pipeline.identity import SLUG_MAX, script_hash, slugify
from post2pod.pipeline.podcast import build_podcast
from post2pod.pipeline.record import describe
from post2pod.pipeline.run import adopt, podcast_publishing, prune_cache, regenerate, remove, sync
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

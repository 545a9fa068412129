"""The plan's time limit on narrating one post."""

from __future__ import annotations

import time

import pytest

from post2pod.pipeline import plan


class _SlowToCollect:
    """An object whose finaliser runs long enough for the alarm to land inside it, where Python
    prints the raised exception and drops it ("Exception ignored in ...")."""

    def __del__(self) -> None:
        time.sleep(0.4)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the dropped one
def test_the_time_limit_holds_when_its_first_alarm_lands_in_a_finaliser():
    started = time.monotonic()
    with pytest.raises(plan._TimeUp), plan._time_limit(0.1):
        _SlowToCollect()  # collected at once: the alarm at 0.1 s fires inside __del__ and is dropped
        time.sleep(5)  # a repeat of the alarm stops the block here
    assert time.monotonic() - started < 2


def test_no_alarm_outlives_the_block():
    with plan._time_limit(0.05):
        pass
    time.sleep(0.3)  # an alarm still armed would raise here

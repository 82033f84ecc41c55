"""pyHanko's work is asynchronous; our callers are not."""

import asyncio
from concurrent.futures import ThreadPoolExecutor


def run_to_end(coroutine):
    """``asyncio.run(coroutine)``, also where this thread already runs an event loop
    (an async caller; Playwright's loop in the browser tests), which asyncio.run refuses:
    the coroutine then runs in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()

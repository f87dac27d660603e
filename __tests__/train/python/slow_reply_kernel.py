"""An ipykernel that stays in its kernel_info handler for half a second after replying, as a
kernel on a loaded runner may: a SIGINT sent at that moment (jupyter_client's shutdown sends
one) is logged as "KeyboardInterrupt caught in kernel." Used by engine-nbclient.test.ts."""
import inspect
import time

from ipykernel import kernelapp
from ipykernel.kernelbase import Kernel

reply = Kernel.kernel_info_request


async def slow_kernel_info_request(self, *args, **kwargs):
    result = reply(self, *args, **kwargs)
    if inspect.isawaitable(result):
        await result
    time.sleep(0.5)


Kernel.kernel_info_request = slow_kernel_info_request

if __name__ == "__main__":
    kernelapp.launch_new_instance()

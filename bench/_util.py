"Helpers shared by the benchmark scripts: timing with device sync, machine description, JSON output."
import json, os, platform, time
from pathlib import Path
import torch

def sync(device):
    if str(device).startswith('cuda'): torch.cuda.synchronize()

def timeit(fn, device, repeat=20, warmup=3):
    "Median seconds of `fn()` over `repeat` calls after `warmup` calls, synchronising the device around each."
    for _ in range(warmup): fn()
    sync(device); ts = []
    for _ in range(repeat):
        t0 = time.perf_counter(); fn(); sync(device); ts.append(time.perf_counter() - t0)
    return sorted(ts)[len(ts) // 2]

def machine(device) -> dict:
    "What the numbers were measured on."
    d = dict(platform=platform.platform(), cpu=platform.processor() or platform.machine(), cores=os.cpu_count(),
             torch_threads=torch.get_num_threads(), torch=torch.__version__, device=str(device))
    if str(device).startswith('cuda'): d['gpu'] = torch.cuda.get_device_name()
    return d

def write_json(path, obj):
    path = Path(path); path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=1))
    print(f"wrote {path}")

def table(rows, head):
    "Print rows as an aligned text table."
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    for r in [head] + rows: print('  '.join(str(v).rjust(w) for v, w in zip(r, widths)))

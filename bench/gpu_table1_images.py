"""Table 1's C-CIFAR-10 columns on one GPU, as one prepared run that plans itself to fit its time limit.

    python bench/gpu_table1_images.py --out $OUT [--limit-s 540] [--cache-dir DIR] [--data-root DIR]
    python bench/gpu_table1_images.py --smoke          # the same code paths on the CPU at a tiny size (CI)

1. Builds (or reads from the cache, e.g. one carried to the device machine) Corrupted CIFAR-10 at 0.5 % and 5 % from the
   CIFAR-10 under --data-root, the generator using every core of the machine.
2. Measures the trainer's images per second on the real data (a short timed stretch of steps) and the model-only ceiling
   of the same ResNet-18 at the same batch (`trainer_ceiling.measure`), with the bf16 / channels_last path of the GPU.
3. Plans: ERM, resampling and GERNE (c = 1/2, β = 1, inside the bounds at both ratios) at both ratios; the number of epochs
   and seeds that fit what is left of the limit at the measured throughput (seeds first at the paper's epoch count is
   impossible here: 100 epochs of 6 runs do not fit 9 minutes, so epochs are cut and every run says so in its record).
   The plan (runs × epochs × images and the time it should take) is printed before any training.
4. Runs the plan through the package's sweep into <out>/results.jsonl (the project's results format), then writes
   <out>/throughput.json. Stops starting runs when the limit is near, so it ends inside it.
"""
import argparse, json, os, sys, time
from pathlib import Path
import torch
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import machine, sync, write_json
from trainer_ceiling import measure
from gerne_nb.data import load_dataset
from gerne_nb.experiment import make_spec, run_spec, append_result, read_results, spec_hash
from gerne_nb.methods.erm import ERM
from gerne_nb.methods.gerne import GERNE, Resample

RATIOS = (0.005, 0.05)
SMOKE_RATIOS, SMOKE_LIMIT = (0.25, 0.5), 40  # at 40 images per class, only large ratios leave no group empty
METHODS = ((ERM.name, {}), (Resample.name, {}), (GERNE.name, dict(c=0.5, beta=1.0)))

def plan(img_s:float, budget_s:float, epoch_images:dict, max_epochs:int, max_seeds:int) -> dict:
    "The most seeds, then the most epochs (≤ max), whose runs fit `budget_s` at `img_s` images per second."
    per_epoch = sum(epoch_images.values())  # images one epoch of every (ratio, method) run processes
    for seeds in range(max_seeds, 0, -1):
        epochs = min(max_epochs, int(budget_s * img_s / (per_epoch * seeds)))
        if epochs >= 10 or seeds == 1: break
    return dict(seeds=seeds, epochs=max(1, epochs), images=per_epoch * seeds * max(1, epochs),
                seconds=per_epoch * seeds * max(1, epochs) / img_s)

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--out', default=os.environ.get('OUT', 'bench/out/gpu_table1_images'))
    p.add_argument('--data-root', default='../shared/data'); p.add_argument('--cache-dir', default=None)
    p.add_argument('--limit-s', type=float, default=540, help='wall-time limit of the whole script, seconds')
    p.add_argument('--max-epochs', type=int, default=100); p.add_argument('--max-seeds', type=int, default=3)
    p.add_argument('--smoke', action='store_true', help='tiny CPU run of the same code paths')
    a = p.parse_args()
    t_start, device = time.perf_counter(), 'cuda' if torch.cuda.is_available() and not a.smoke else 'cpu'
    limit = dict(limit=SMOKE_LIMIT) if a.smoke else {}  # images per class and split: a smoke run's data
    ratios = SMOKE_RATIOS if a.smoke else RATIOS
    if a.smoke: a.limit_s, a.max_epochs, a.max_seeds = min(a.limit_s, 150), 2, 1
    out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
    print(f"device {device}: {machine(device).get('gpu', machine(device)['cpu'])}; limit {a.limit_s:.0f} s", flush=True)

    data = {r: load_dataset('ccifar10', a.data_root, r, cache=a.cache_dir, **limit) for r in ratios}  # 1. the data
    for r, d in data.items(): print(f"  {d.source}: {len(d.train)} train / {len(d.val)} val / {len(d.test)} test")
    print(f"data ready after {time.perf_counter() - t_start:.0f} s", flush=True)

    bpc = 2 if a.smoke else 100                                                       # 2. throughput
    tp = measure(data[ratios[-1]], 'resnet18', bpc, device, repeat=3 if a.smoke else 10)
    print(f"trainer {tp['trainer_img_s']:,} img/s, model-only ceiling {tp['ceiling_img_s']:,} img/s "
          f"(fraction {tp['fraction']:.3f}) at batch {tp['batch']}, {tp['runtime']['precision']}, "
          f"channels_last={tp['runtime']['channels_last']}", flush=True)
    erm_ms, gerne_ms = step_times(data[ratios[-1]], bpc, device)
    print(f"step at equal total batch: GERNE {gerne_ms:.2f} ms, ERM {erm_ms:.2f} ms, ratio {gerne_ms / erm_ms:.3f}")

    n_train = {r: len(d.train) for r, d in data.items()}                              # 3. the plan
    epoch_images = {(r, m): n_train[r] * (2 if m != ERM.name else 1) for r in ratios for m, _ in METHODS}
    left = a.limit_s - (time.perf_counter() - t_start) - 30  # keep 30 s for evaluation overhead and writing
    pl = plan(tp['trainer_img_s'] * 0.85, left, epoch_images, a.max_epochs, a.max_seeds)  # 15 % for per-epoch evaluation
    specs = [make_spec('ccifar10', r, method=m, seed=s, epochs=pl['epochs'], batch_per_class=bpc, **kw, **limit)
             for s in range(pl['seeds']) for r in ratios for m, kw in METHODS]
    print(f"plan: {len(specs)} runs ({len(ratios)} ratios × {len(METHODS)} methods × {pl['seeds']} seed(s)) × "
          f"{pl['epochs']} epochs = {pl['images']:,} training images, about {pl['seconds']:.0f} s of the {left:.0f} s left",
          flush=True)

    results, done = out / 'results.jsonl', {r['run_id'] for r in read_results(out / 'results.jsonl')}  # 4. the runs
    for spec in specs:
        if spec_hash(spec) in done: continue
        if time.perf_counter() - t_start > a.limit_s - 20: print("limit near: stopping before the next run"); break
        rec = run_spec(spec, a.data_root, a.cache_dir, progress=False, data=data[spec['ratio']], log=lambda s: None)
        append_result(results, rec)
        print(f"  {spec['method']:8s} {100 * spec['ratio']:g} % seed {spec['seed']}: test GBA best "
              f"{rec['test_oracle']['test']['gba']:.4f}, at best val {rec['selected']['test']['gba']:.4f} "
              f"({rec['wall_time_s']:.0f} s)", flush=True)
    write_json(out / 'throughput.json', dict(machine=machine(device), throughput=tp, plan=pl, smoke=a.smoke,
                                             step_ms=dict(erm=erm_ms, gerne=gerne_ms)))
    print(f"wall time {time.perf_counter() - t_start:.0f} s")

def step_times(data, bpc, device):
    "Median ms of one ERM step (K·2B rows) and one GERNE step (K·B + K·B rows): equal total batch."
    from _util import timeit
    from gerne_nb.config import TrainConfig
    from gerne_nb.train import Trainer
    ms = []
    for method, b in ((ERM(), 2 * bpc), (GERNE(c=0.5, beta=1.0), bpc)):
        tr = Trainer(data, TrainConfig(batch_per_class=b, arch='resnet18', device=device), method)
        idx, n_b = tr.method.epoch_indices(tr)
        ms.append(1000 * timeit(lambda: tr.method.step(tr, tr.batch(idx[0], n_b)), device, repeat=5, warmup=2))
    return tuple(ms)

if __name__ == '__main__': main()

"""Where does one C-MNIST training epoch spend its time? (a benchmark, not a test)

    python bench/profile_epoch.py --data-root ../shared/data [--ratio 0.005] [--device cpu] [--json bench/out/profile_epoch.json]

Times each phase of a GERNE epoch with the package's own Trainer (after one warm-up epoch): drawing the epoch's indices,
gathering the batch rows, forward, backward, optimizer step, and the per-epoch evaluation of validation and test. Prints
a table (seconds, share of the epoch) and writes it as JSON.
"""
import argparse, json, platform, time
from pathlib import Path
import torch
import torch.nn.functional as F
from gerne_nb.config import TrainConfig
from gerne_nb.data import load_dataset
from gerne_nb.math import extrapolated_loss
from gerne_nb.methods.gerne import GERNE
from gerne_nb.train import Trainer, resolve_device

def sync(device):
    if device.startswith('cuda'): torch.cuda.synchronize()

def profile_epoch(trainer):
    "Seconds per phase for one epoch, timed around the same calls Trainer.train_epoch makes."
    dev, t, beta = trainer.device, {}, trainer.method.beta
    x, y, model, opt = trainer.data.train.x, trainer.data.train.y, trainer.model, trainer.opt
    clock = lambda: (sync(dev), time.perf_counter())[1]
    t0 = clock(); idx, n_b = trainer.method.epoch_indices(trainer); t['sample indices'] = clock() - t0
    for k in ('gather rows', 'forward + loss', 'backward', 'optimizer step'): t[k] = 0.
    model.train()
    for rows in idx:
        t0 = clock(); xb, yb = x.index_select(0, rows), y.index_select(0, rows); t1 = clock()
        ce = F.cross_entropy(model(xb), yb, reduction='none')
        loss = extrapolated_loss(ce[:n_b].mean(), ce[n_b:].mean(), beta); t2 = clock()
        opt.zero_grad(set_to_none=True); loss.backward(); t3 = clock()
        opt.step(); t4 = clock()
        t['gather rows'] += t1 - t0; t['forward + loss'] += t2 - t1; t['backward'] += t3 - t2; t['optimizer step'] += t4 - t3
    t0 = clock(); trainer.evaluate(groups=True); t['evaluate val + test'] = clock() - t0
    return t

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data-root', default='../shared/data'); p.add_argument('--ratio', type=float, default=0.005)
    p.add_argument('--device', default='cpu'); p.add_argument('--json', default='bench/out/profile_epoch.json')
    a = p.parse_args()
    device = resolve_device(a.device)
    data = load_dataset('cmnist', a.data_root, a.ratio)
    trainer = Trainer(data, TrainConfig(device=device), GERNE(c=0.5, beta=1.0))
    trainer.train_epoch()  # warm-up: allocator, kernels, caches
    t = profile_epoch(trainer)
    total = sum(t.values())
    print(f"one C-MNIST {a.ratio:.1%} GERNE epoch ({trainer.steps} steps of 2×{trainer.data.n_classes * trainer.cfg.batch_per_class} samples), "
          f"device={device}, torch threads={torch.get_num_threads()}")
    print(f"{'phase':24s} {'seconds':>8s} {'share':>7s}")
    for k, v in t.items(): print(f"{k:24s} {v:8.3f} {v / total:7.1%}")
    print(f"{'total':24s} {total:8.3f}")
    overhead = t['sample indices'] + t['evaluate val + test']
    print(f"sampling + evaluation: {overhead / total:.1%} of the epoch")
    out = dict(phases=t, total=total, sampling_plus_eval_share=overhead / total, device=device,
               machine=platform.processor() or platform.machine(), threads=torch.get_num_threads(), torch=torch.__version__)
    Path(a.json).parent.mkdir(parents=True, exist_ok=True); Path(a.json).write_text(json.dumps(out, indent=1))

if __name__ == '__main__': main()

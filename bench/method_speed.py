"""Training samples per second of every registered method against ERM's, in one run. (A benchmark, not a test.)

    python bench/method_speed.py --data-root ../shared/data [--epochs 2]

For each registered method (its default hyperparameters; those that need the biased model get it from the cache, trained
once), builds a Trainer on Colored MNIST 0.5 % and times `--epochs` training epochs after one warm-up epoch. A method's
samples are the rows its steps forward (two-batch methods forward 2·K·B per step, single-batch ones K·B).
"""
import argparse, sys, time
from pathlib import Path
import torch
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import machine, sync, write_json, table
from gerne_nb.config import TrainConfig
from gerne_nb.data import load_dataset
from gerne_nb.experiment import make_spec
from gerne_nb.methods import METHODS, make_method
from gerne_nb.train import Trainer

EXAMPLE = {'jtt_up': 20.0, 'dfr_repeats': 1}  # hyperparameters a method requires, or the table's cheaper choice

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data-root', default='../shared/data'); p.add_argument('--epochs', type=int, default=2)
    p.add_argument('--device', default='cpu'); p.add_argument('--json', default='bench/results/method_speed_{device}.json')
    a = p.parse_args()
    data, res = load_dataset('cmnist', a.data_root, 0.005), {}
    for name in METHODS.names():
        spec = make_spec(method=name, device=a.device, lr=0.01 if METHODS[name].attrs == 'unknown' else None,
                         **{k: v for k, v in EXAMPLE.items() if k in METHODS[name].params})
        cfg = TrainConfig(**{k: spec[k] for k in TrainConfig.__dataclass_fields__ if spec.get(k) is not None})
        method = make_method(spec)
        method.prepare(data, cfg, log=lambda s: None)
        tr = Trainer(data, cfg, method)
        tr.train_epoch(); sync(a.device)
        rows = tr.method.epoch_indices(tr)[0].numel() * a.epochs  # the rows an epoch forwards, drawn as train_epoch does
        t0 = time.perf_counter()
        for _ in range(a.epochs): tr.train_epoch()
        sync(a.device); s = time.perf_counter() - t0
        res[name] = dict(samples_per_s=round(rows / s), epoch_s=round(s / a.epochs, 3), steps=tr.steps)
    erm = res['erm']['samples_per_s'] if 'erm' in res else None
    for r in res.values(): r['vs_erm'] = round(r['samples_per_s'] / erm, 3) if erm else None
    table([[k, v['steps'], v['epoch_s'], f"{v['samples_per_s']:,}", v['vs_erm']] for k, v in res.items()],
          ['method', 'steps/epoch', 's/epoch', 'samples/s', 'vs ERM'])
    write_json(a.json.format(device=a.device), dict(machine=machine(a.device), epochs=a.epochs, results=res))

if __name__ == '__main__': main()

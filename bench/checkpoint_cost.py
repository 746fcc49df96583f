"""What a mid-run checkpoint costs: seconds to write one, its size, against an epoch's time. (A benchmark, not a test.)

    python bench/checkpoint_cost.py --data-root ../shared/data

For GERNE on Colored MNIST 0.5 % (LC's MLP) and on a ResNet-50 (the Table 2 model) on tiny test images (a checkpoint's
size and cost do not depend on the input size; the epoch time there is not a ResNet-50 epoch), times `Trainer.save_checkpoint` (atomic: a synced
temporary file, then a rename) and `Trainer.resume`, and one training epoch for scale.
"""
import argparse, sys, tempfile, time
from pathlib import Path
import torch
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import machine, timeit, write_json, table
from gerne_nb.config import TrainConfig
from gerne_nb.data import load_dataset
from gerne_nb.methods.gerne import GERNE
from gerne_nb.train import Trainer

def measure(name, data, cfg, d):
    tr = Trainer(data, cfg, GERNE(c=0.5, beta=1.0))
    t0 = time.perf_counter(); tr.train_epoch(); epoch = time.perf_counter() - t0
    path = Path(d) / f'{name}.pt'
    save = timeit(lambda: tr.save_checkpoint(path, 1, [], []), 'cpu', repeat=5, warmup=1)
    load = timeit(lambda: tr.resume(path), 'cpu', repeat=5, warmup=1)
    return dict(save_s=round(save, 4), resume_s=round(load, 4), mb=round(path.stat().st_size / 2**20, 1),
                epoch_s=round(epoch, 2), save_vs_epoch=round(save / epoch, 4))

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data-root', default='../shared/data')
    p.add_argument('--json', default='bench/results/checkpoint_cost_cpu.json')
    a = p.parse_args()
    res = {}
    with tempfile.TemporaryDirectory() as d:
        res['mlp, C-MNIST'] = measure('mlp', load_dataset('cmnist', a.data_root, 0.005),
                                      TrainConfig(device='cpu'), d)
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / 'nbs'))
        from fixtures import toy_dataset  # tiny images: the checkpoint's size does not depend on them
        res['resnet50, toy images'] = measure('r50', toy_dataset(n_per_class=8),
                                         TrainConfig(arch='resnet50', batch_per_class=4, lr=0.01, device='cpu'), d)
    table([[k, v['mb'], v['save_s'], v['resume_s'], v['epoch_s'], v['save_vs_epoch']] for k, v in res.items()],
          ['model', 'MB', 'save s', 'resume s', 'epoch s', 'save / epoch'])
    write_json(a.json, dict(machine=machine('cpu'), results=res))

if __name__ == '__main__': main()

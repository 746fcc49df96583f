"""Wall time until Colored MNIST 0.5 % first reaches 75 % test GBA with GERNE (c=0.5, β=1). (a benchmark, not a test)

    python bench/time_to_gba.py --data-root ../shared/data [--device cpu|cuda] [--target 0.75] [--max-epochs 64]

Times training plus the per-epoch evaluation from the first step (data loading excluded), and reports the epoch and the
wall time at which test GBA first reaches the target, and the time for the full 64-epoch run.
"""
import argparse, time, torch
from _util import sync, machine, write_json
from gerne_nb.config import TrainConfig
from gerne_nb.data import load_dataset
from gerne_nb.methods.gerne import GERNE
from gerne_nb.train import Trainer

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data-root', default='../shared/data'); p.add_argument('--target', type=float, default=0.75)
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu'); p.add_argument('--max-epochs', type=int, default=64)
    p.add_argument('--seed', type=int, default=0); p.add_argument('--json', default='bench/results/time_to_gba_{device}.json')
    a = p.parse_args()
    data = load_dataset('cmnist', a.data_root, 0.005)
    tr = Trainer(data, TrainConfig(epochs=a.max_epochs, device=a.device, seed=a.seed), GERNE(c=0.5, beta=1.0))
    sync(a.device); t0 = time.perf_counter(); reached = None; curve = []
    for ep in range(1, a.max_epochs + 1):
        tr.train_epoch()
        gba = tr.evaluate()['test']['gba']; sync(a.device)
        curve.append((ep, round(time.perf_counter() - t0, 3), round(gba, 4)))
        if reached is None and gba >= a.target: reached = curve[-1]
    total = time.perf_counter() - t0
    if reached: print(f"test GBA ≥ {a.target:.0%} first at epoch {reached[0]}, after {reached[1]:.1f} s; {a.max_epochs} epochs took {total:.1f} s ({a.device})")
    else: print(f"test GBA never reached {a.target:.0%} in {a.max_epochs} epochs ({total:.1f} s)")
    write_json(a.json.format(device=a.device.split(':')[0]), dict(machine=machine(a.device), target=a.target, reached=reached,
                                                                 total_s=total, curve=curve))

if __name__ == '__main__': main()

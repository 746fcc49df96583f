"""A full C-MNIST GERNE epoch: this package against the pipeline a user would write with torch.utils.data, and the model-only ceiling.

    python bench/epoch_vs_dataloader.py --data-root ../shared/data [--device cpu] [--workers 0] [--steps N]

All three are measured in the same run, on the same data, model and device:
- *gerne_nb*: `Trainer.train_epoch` (indices for every step drawn at once on the device, rows gathered from a resident uint8
  tensor, one forward of both batches, one backward), then `Trainer.evaluate` on validation and test;
- *standard*: `TensorDataset` + two `WeightedRandomSampler`s (α and p_lb weights) + two `DataLoader`s, two forward/backward
  passes per step, evaluation through `DataLoader`s, as in LfF/DFA/LC-style code;
- *model-only ceiling*: the same number of forward/backward/optimizer steps on pre-built float batches (no sampling, no
  gathering, no evaluation).
`--steps` limits every measurement to N steps (a quick look); by default a whole epoch.
"""
import argparse, time, torch, torch.nn.functional as F
from torch.utils.data import TensorDataset, DataLoader, WeightedRandomSampler
from _util import sync, machine, write_json, table
from gerne_nb.config import TrainConfig
from gerne_nb.data import load_dataset
from gerne_nb.methods.gerne import GERNE
from gerne_nb.train import Trainer
from gerne_nb.math import extrapolated_loss

def standard_epoch(data, cfg, steps, workers, device, model, opt, beta, alpha, plb):
    "One epoch the torch.utils.data way; seconds for training and for evaluation."
    tr = data.train
    x, y, a = tr.x.cpu(), tr.y.cpu(), tr.a.cpu()
    n_g = torch.bincount(y * data.n_attrs + a, minlength=data.n_classes * data.n_attrs).float()
    w = lambda p: (p.flatten().float() / n_g.clamp_min(1))[y * data.n_attrs + a]  # p(a|y)/|X_ya|: class-uniform, within-group uniform
    bs = data.n_classes * cfg.batch_per_class
    mk = lambda weights: DataLoader(TensorDataset(x, y), batch_size=bs, num_workers=workers,
                                    sampler=WeightedRandomSampler(weights, steps * bs, replacement=True))
    sync(device); t0 = time.perf_counter()
    for (xb, yb), (xl, yl) in zip(mk(w(alpha)), mk(w(plb))):
        xb, yb, xl, yl = xb.to(device), yb.to(device), xl.to(device), yl.to(device)
        L_b, L_lb = F.cross_entropy(model(xb), yb), F.cross_entropy(model(xl), yl)
        loss = extrapolated_loss(L_b, L_lb, beta)
        opt.zero_grad(set_to_none=True); loss.backward(); opt.step()
    sync(device); t1 = time.perf_counter()
    model.eval()
    with torch.no_grad():
        for split in (data.val, data.test):
            for xb, yb in DataLoader(TensorDataset(split.x.cpu(), split.y.cpu()), batch_size=1000, num_workers=workers):
                model(xb.to(device)).argmax(1)
    model.train(); sync(device)
    return t1 - t0, time.perf_counter() - t1

def ceiling(model, opt, device, steps, bs, beta):
    "Forward/backward/step on pre-built float batches only."
    xs = torch.rand(2 * bs, 3, 28, 28, device=device); ys = torch.randint(0, 10, (2 * bs,), device=device)
    sync(device); t0 = time.perf_counter()
    for _ in range(steps):
        ce = F.cross_entropy(model(xs), ys, reduction='none')
        loss = extrapolated_loss(ce[:bs].mean(), ce[bs:].mean(), beta)
        opt.zero_grad(set_to_none=True); loss.backward(); opt.step()
    sync(device); return time.perf_counter() - t0

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data-root', default='../shared/data'); p.add_argument('--ratio', type=float, default=0.005)
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--workers', type=int, default=0, help='DataLoader workers of the standard pipeline')
    p.add_argument('--steps', type=int, default=None); p.add_argument('--json', default='bench/results/epoch_vs_dataloader_{device}.json')
    a = p.parse_args()
    data = load_dataset('cmnist', a.data_root, a.ratio)
    cfg = TrainConfig(device=a.device)
    tr = Trainer(data, cfg, GERNE(c=0.5, beta=1.0))
    if a.steps: tr.steps = tr.method.n_steps = a.steps
    steps, bs = tr.steps, data.n_classes * cfg.batch_per_class
    tr.train_epoch()  # warm-up
    sync(a.device); t0 = time.perf_counter(); tr.train_epoch(); sync(a.device); t1 = time.perf_counter()
    tr.evaluate(groups=True); sync(a.device); t2 = time.perf_counter()
    ours_train, ours_eval = t1 - t0, t2 - t1
    std_train, std_eval = standard_epoch(data, cfg, steps, a.workers, a.device, tr.model, tr.opt, tr.method.beta, tr.method.sampler.alpha,
                                        tr.method.sampler.p_lb)
    ceil = ceiling(tr.model, tr.opt, a.device, steps, bs, tr.method.beta)
    ours, std = ours_train + ours_eval, std_train + std_eval
    rows = [['gerne_nb', f"{ours_train:.2f}", f"{ours_eval:.2f}", f"{ours:.2f}", f"{2 * bs * steps / ours_train:,.0f}", '1.00'],
            [f'standard (DataLoader, {a.workers} workers)', f"{std_train:.2f}", f"{std_eval:.2f}", f"{std:.2f}", f"{2 * bs * steps / std_train:,.0f}", f"{std / ours:.2f}"],
            ['model-only ceiling', f"{ceil:.2f}", '-', f"{ceil:.2f}", f"{2 * bs * steps / ceil:,.0f}", f"{ceil / ours:.2f}"]]
    print(f"C-MNIST {a.ratio:.1%}, GERNE c=0.5 β=1, {steps} steps of 2×{bs} samples, device={a.device}")
    table(rows, ['pipeline', 'train s', 'eval s', 'epoch s', 'train samples/s', 'time vs gerne_nb'])
    print(f"gerne_nb epoch is {std / ours:.2f}× faster than the standard pipeline; its training throughput is "
          f"{ceil / ours_train:.0%} of the model-only ceiling")
    write_json(a.json.format(device=a.device.split(':')[0]), dict(
        machine=machine(a.device), steps=steps, samples_per_step=2 * bs, workers=a.workers,
        gerne_nb=dict(train_s=ours_train, eval_s=ours_eval), standard=dict(train_s=std_train, eval_s=std_eval),
        ceiling_s=ceil, speedup_vs_standard=std / ours, train_fraction_of_ceiling=ceil / ours_train))

if __name__ == '__main__': main()

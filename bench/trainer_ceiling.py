"""How close does the project's trainer come to the model-only ceiling on a ResNet? (a benchmark, not a test)

    python bench/trainer_ceiling.py [--device cpu|cuda] [--arch resnet18] [--side 32] [--small]

Builds a C-CIFAR-10-shaped BiasedDataset of random uint8 images (45,000 training images at 32 px by default, resident on the
device), then measures in one run:
- the model-only ceiling: forward, loss and backward plus the optimizer step on one pre-gathered batch of 2·K·B images, with the
  same precision and memory format the trainer picks (bf16 autocast and channels_last on a GPU);
- the trainer: `Trainer.train_epoch` (index drawing, gathers, one forward and one backward per step), in images per second.
`--small` shrinks the data and batch so it runs on a CPU in seconds (figures then say nothing about a GPU).
"""
import argparse, contextlib, time, torch
import torch.nn.functional as F
from _util import timeit, machine, write_json, table, sync
from gerne_nb.data import Split, BiasedDataset
from gerne_nb.config import TrainConfig
from gerne_nb.methods.gerne import GERNE
from gerne_nb.train import Trainer

def fake_ccifar(n, side, device, K=10, seed=0):
    "Random uint8 images with C-CIFAR-10's class/attribute structure (5 % conflicting, every group present)."
    g = torch.Generator().manual_seed(seed)
    y = torch.arange(K).repeat_interleave(n // K)
    a = torch.where(torch.rand(len(y), generator=g) < 0.95, y, torch.randint(0, K, (len(y),), generator=g))
    a[:K * K] = torch.arange(K).repeat(K); y[:K * K] = torch.arange(K).repeat_interleave(K)
    x = torch.randint(0, 256, (len(y), 3, side, side), dtype=torch.uint8, generator=g)
    s = Split(x, y, a)
    return BiasedDataset('fake', 'random C-CIFAR-10-shaped data (benchmark)', s, s, s, K, K).to(device)

def measure(data, arch='resnet18', batch_per_class=100, device='cpu', repeat=10) -> dict:
    "Images per second of the model-only ceiling and of `Trainer.train_epoch` on `data`, in one run."
    tr = Trainer(data, TrainConfig(epochs=1, batch_per_class=batch_per_class, lr=1e-3, arch=arch, device=device),
                 GERNE(c=0.5, beta=1.0))
    # ceiling: the same model, optimizer, precision and memory format on one batch already gathered
    rows = torch.randperm(len(data.train), device=device)[:2 * data.n_classes * batch_per_class]
    xb, yb = data.train.x.index_select(0, rows).contiguous(memory_format=tr.memory_format), data.train.y.index_select(0, rows)
    def step():
        with tr.autocast or contextlib.nullcontext(): out = tr.model(xb)
        loss = F.cross_entropy(out.float(), yb)
        tr.opt.zero_grad(set_to_none=True); loss.backward(); tr.opt.step()
    ceiling = len(rows) / timeit(step, device, repeat=repeat)
    tr.train_epoch()  # warm-up epoch
    sync(device); t0 = time.perf_counter(); tr.train_epoch(); sync(device)
    epoch_s = time.perf_counter() - t0
    trainer = tr.steps * len(rows) / epoch_s
    return dict(ceiling_img_s=round(ceiling), trainer_img_s=round(trainer), fraction=round(trainer / ceiling, 3),
                epoch_s=round(epoch_s, 3), steps=tr.steps, batch=len(rows), runtime=tr.runtime)

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--arch', default='resnet18'); p.add_argument('--side', type=int, default=32)
    p.add_argument('--n', type=int, default=45000); p.add_argument('--batch-per-class', type=int, default=100)
    p.add_argument('--small', action='store_true'); p.add_argument('--repeat', type=int, default=10)
    p.add_argument('--json', default='bench/results/trainer_ceiling_{device}{small}.json')
    a = p.parse_args()
    if a.small: a.n, a.batch_per_class, a.repeat = 1000, 5, 3
    res = measure(fake_ccifar(a.n, a.side, a.device), a.arch, a.batch_per_class, a.device, a.repeat)
    table([[a.arch, a.side, res['batch'], res['ceiling_img_s'], res['trainer_img_s'], f"{100 * res['fraction']:.1f} %",
            res['runtime']['precision']]], ['model', 'px', 'batch', 'ceiling img/s', 'trainer img/s', 'fraction', 'precision'])
    write_json(a.json.format(device=a.device.split(':')[0], small='_small' if a.small else ''),
               dict(machine=machine(a.device), small=a.small, args=vars(a), results=res))

if __name__ == '__main__': main()

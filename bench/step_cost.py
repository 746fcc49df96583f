"""Does a GERNE step cost more than an ERM step that sees as many samples? (a benchmark, not a test)

    python bench/step_cost.py [--device cpu|cuda] [--models mlp resnet18_32 resnet50_224] [--small]

For each model, times one training step (forward, loss, one backward, optimizer step) on random data, the rows already on
the device: ERM on 2·K·B rows with one mean loss, and GERNE on K·B biased + K·B less-biased rows with the extrapolated loss.
GERNE's step also includes drawing its indices with TwoBatchSampler and gathering the rows (ERM: a random permutation
slice and the same gather). `--small` shrinks batches and images so the GPU models run on a CPU in seconds.
"""
import argparse, torch, torch.nn.functional as F
from _util import timeit, machine, write_json, table
from gerne_nb.math import extrapolated_loss
from gerne_nb.sampler import TwoBatchSampler
from gerne_nb.models import MLP

def conv_model(name, n_classes=10):
    import torchvision
    return getattr(torchvision.models, name)(num_classes=n_classes)

def setup(name, device, small):
    "(model, uint8 data on device, labels, attributes, K, B, autocast dtype)."
    K = 10
    if name == 'mlp': model, shape, B, N = MLP(), (3, 28, 28), 100, 55000
    elif name == 'resnet18_32': model, shape, B, N = conv_model('resnet18'), (3, 32, 32), 100, 20000
    else: model, shape, B, N = conv_model('resnet50'), (3, 224, 224), 7, 2000  # 2·10·7 = 140 ≈ batch 128
    if small: B, N = max(2, B // 25), min(N, 2000); shape = shape if name != 'resnet50_224' else (3, 64, 64)
    model = model.to(device)
    if name != 'mlp' and device.startswith('cuda'): model = model.to(memory_format=torch.channels_last)
    g = torch.Generator().manual_seed(0)
    x = torch.randint(0, 256, (N, *shape), dtype=torch.uint8, generator=g).to(device)
    y = torch.arange(K).repeat(N // K).to(device)
    a = torch.where(torch.rand(N, generator=g).to(device) < 0.95, y, torch.randint(0, K, (N,), generator=g).to(device))
    a[:K * K] = torch.arange(K).repeat(K).to(device); y[:K * K] = torch.arange(K).repeat_interleave(K).to(device)  # all groups
    amp = torch.bfloat16 if name != 'mlp' and device.startswith('cuda') else None
    return model, x, y, a, K, B, amp

def step_fn(model, opt, x, y, rows, n_b, beta, amp, device):
    def prep(rows):
        xb = x.index_select(0, rows)
        return xb if xb.dim() == 2 or not device.startswith('cuda') else xb.contiguous(memory_format=torch.channels_last)
    def step(rows=rows):
        xb, yb = prep(rows), y.index_select(0, rows)
        with torch.autocast(device.split(':')[0], dtype=amp or torch.float32, enabled=amp is not None):
            out = model(xb if xb.dtype != torch.uint8 or isinstance(model, MLP) else xb.float().mul_(1 / 255))
            ce = F.cross_entropy(out.float(), yb, reduction='none')
        loss = ce.mean() if n_b is None else extrapolated_loss(ce[:n_b].mean(), ce[n_b:].mean(), beta)
        opt.zero_grad(set_to_none=True); loss.backward(); opt.step()
    return step

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--models', nargs='+', default=['mlp', 'resnet18_32', 'resnet50_224'])
    p.add_argument('--small', action='store_true'); p.add_argument('--repeat', type=int, default=20)
    p.add_argument('--json', default='bench/results/step_cost_{device}.json')
    a = p.parse_args()
    rows, out = [], dict(machine=machine(a.device), small=a.small, results={})
    for name in a.models:
        model, x, y, a_, K, B, amp = setup(name, a.device, a.small)
        opt = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0.9, weight_decay=0.01)
        sampler = TwoBatchSampler(y, a_, K, K, B, c=0.5, seed=0)
        g = torch.Generator(device=x.device).manual_seed(0)
        n = 2 * K * B
        def erm():
            rows = torch.randperm(len(y), generator=g, device=x.device)[:n]
            step_fn(model, opt, x, y, rows, None, 0.0, amp, a.device)(rows)
        def gerne():
            ib, ilb = sampler.sample(1)
            rows = torch.cat([ib[0], ilb[0]])
            step_fn(model, opt, x, y, rows, K * B, 1.0, amp, a.device)(rows)
        t_erm, t_gerne = timeit(erm, a.device, a.repeat), timeit(gerne, a.device, a.repeat)
        rows.append([name, n, f"{1e3 * t_erm:.2f}", f"{1e3 * t_gerne:.2f}", f"{t_gerne / t_erm:.3f}", f"{n / t_gerne:,.0f}"])
        out['results'][name] = dict(samples_per_step=n, erm_s=t_erm, gerne_s=t_gerne, ratio=t_gerne / t_erm, shape=list(x.shape[1:]),
                                    bf16_autocast=amp is not None)
    table(rows, ['model', 'samples/step', 'ERM ms', 'GERNE ms', 'GERNE/ERM', 'GERNE samples/s'])
    write_json(a.json.format(device=a.device.split(':')[0] + ('_small' if a.small else '')), out)

if __name__ == '__main__': main()

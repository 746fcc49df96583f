"Test fixtures shared by the notebooks (not part of the library): a tiny learnable Colored-MNIST-like dataset."
import torch
from gerne_nb.data import Split, BiasedDataset

def toy_split(n, conflict, g):
    "n samples per class; the first max(9, conflict·n) of each class take another colour, spread over all 9 others."
    y = torch.arange(10).repeat_interleave(n)
    j = torch.arange(n).repeat(10)  # position within the class
    m = max(9, round(conflict * n))
    a = torch.where(j < m, (y + 1 + j % 9) % 10, y)
    x = torch.zeros(len(y), 3, 28, 28)
    x[torch.arange(len(y)), 0, a, :] = 1.  # colour: a bright row
    x[torch.arange(len(y)), 1, :, y] = 0.4  # shape: a faint column
    x += 0.3 * torch.rand(x.shape, generator=g)
    return Split((x.clamp(0, 1) * 255).to(torch.uint8), y, a)

def toy_dataset(n_per_class=300, conflict=0.02, seed=0):
    "A tiny BiasedDataset: class and colour both visible, colour easier; unbiased val and test."
    g = torch.Generator().manual_seed(seed)
    return BiasedDataset('toy', 'synthetic toy data (tests only)', toy_split(n_per_class, conflict, g),
                         toy_split(30, 0.9, g), toy_split(30, 0.9, g), 10, 10)

"Readers of on-disk layouts users already have: DFA's released cmnist folders, MNIST in torchvision's layout."
import gzip, shutil
from pathlib import Path
import numpy as np, torch, pytest
import fastcore.test as fct
from PIL import Image
from gerne_nb.data.cmnist import read_dfa_cmnist
from gerne_nb.data import load_mnist, DataNotFoundError

def png(path, y, a, value=0):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.full((28, 28, 3), value + 10 * a, dtype=np.uint8)).save(path)

def dfa_fixture(root, pct='5pct'):
    "Every (y, a) group once in training (aligned in align/, the rest in conflict/), 2 per class in valid/ and test/."
    base = root / 'cmnist'
    for y in range(10):
        for a in range(10):
            png(base / pct / ('align' if a == y else 'conflict') / str(y) / f'{y}{a}_{y}_{a}.png', y, a)
        png(base / pct / 'valid' / f'v{y}_{y}_{(y + 1) % 10}.png', y, (y + 1) % 10)
        png(base / pct / 'valid' / f'w{y}_{y}_{y}.png', y, y)
        for a in (y, (y + 3) % 10): png(base / 'test' / str(y) / f't{y}{a}_{y}_{a}.png', y, a)
    return base

def test_dfa_layout_reads(tmp_path):
    dfa_fixture(tmp_path)
    ds = read_dfa_cmnist(tmp_path, 0.05)
    fct.test_eq((len(ds.train), len(ds.val), len(ds.test)), (100, 20, 20))
    fct.test_eq(ds.train.counts(10, 10), torch.ones(10, 10, dtype=torch.long))
    fct.test_eq(ds.train.x.shape[1:], (3, 28, 28))
    # pixels and labels travel together: the fixture encodes a in the pixel value
    fct.test_eq(ds.train.x[:, 0, 0, 0].long(), ds.train.a * 10)
    assert 'DFA released' in ds.source

def test_dfa_missing_folder_names_it(tmp_path):
    base = dfa_fixture(tmp_path)
    shutil.rmtree(base / 'test')
    with pytest.raises(DataNotFoundError, match=str(base / 'test')): read_dfa_cmnist(tmp_path, 0.05)

def test_dfa_unparsable_name_names_the_file(tmp_path):
    base = dfa_fixture(tmp_path)
    bad = base / '5pct' / 'align' / '3' / 'image.png'
    png(bad, 3, 3)
    with pytest.raises(ValueError, match='image.png'): read_dfa_cmnist(tmp_path, 0.05)

def test_dfa_empty_group_is_read_and_sampled_around(tmp_path):
    base = dfa_fixture(tmp_path)
    (base / '5pct' / 'conflict' / '2' / '25_2_5.png').unlink()
    ds = read_dfa_cmnist(tmp_path, 0.05)
    fct.test_eq(ds.train.counts(10, 10)[2, 5], 0)
    from gerne_nb.sampler import TwoBatchSampler
    s = TwoBatchSampler(ds.train.y, ds.train.a, 10, 10, 4, c=1.0)
    fct.test_eq(s.empty, [(2, 5)])
    ib, ilb = s.sample(50)
    assert not ((ds.train.y[ilb] == 2) & (ds.train.a[ilb] == 5)).any()

def test_mnist_in_torchvision_layout(mnist_root, tmp_path):
    raw = tmp_path / 'MNIST' / 'raw'; raw.mkdir(parents=True)
    for f in (mnist_root / 'mnist').glob('*.gz'):  # torchvision keeps them decompressed
        with gzip.open(f) as src, open(raw / f.stem, 'wb') as dst: shutil.copyfileobj(src, dst)
    m = load_mnist(tmp_path)
    fct.test_eq(m['train_x'].shape, (60000, 28, 28)); fct.test_eq(m['test_y'].shape, (10000,))
    fct.test_eq(m['train_y'][:10].tolist(), [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])  # MNIST's first ten training labels

def test_truncated_idx_is_an_error(tmp_path):
    raw = tmp_path / 'mnist'; raw.mkdir()
    import struct
    for n in ('train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'):
        (raw / n).write_bytes(struct.pack('>I', 0x803) + struct.pack('>3I', 10, 28, 28) + b'\0' * 100)
    with pytest.raises(ValueError, match='truncated'): load_mnist(tmp_path)

"Shared fixtures: where real MNIST is, and a per-session dataset cache."
import os
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parent.parent

def data_root():
    "$GERNE_NB_DATA, else ../shared/data beside the checkout (where this project's machines keep real data)."
    return Path(os.environ.get('GERNE_NB_DATA', ROOT.parent / 'shared' / 'data'))

@pytest.fixture(scope='session')
def mnist_root():
    root = data_root()
    if not any((root / d / 'train-images-idx3-ubyte.gz').exists() or (root / d / 'train-images-idx3-ubyte').exists()
               for d in ('mnist', 'MNIST/raw', '.')):
        pytest.skip(f"real MNIST not found under {root} (set GERNE_NB_DATA)")
    return root

@pytest.fixture(scope='session')
def cache(tmp_path_factory):
    "One dataset cache for the whole session, so each Colored MNIST variant is generated once."
    d = tmp_path_factory.mktemp('cache')
    os.environ['GERNE_NB_CACHE'] = str(d)
    return d

"""How long the README's `gerne-nb train` command takes, end to end, with one thread and with the default. (A benchmark.)

    python bench/train_command.py --data-root ../shared/data

Runs the README's command as a user would (a subprocess, its own output folder, the dataset already in the cache), once
with `--threads 1` and once with the default thread count, and records the wall times, the machine and its load average.
"""
import argparse, json, os, subprocess, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import machine, write_json

COMMAND = ['train', '--dataset', 'cmnist', '--ratio', '0.5%', '--method', 'gerne', '--c', '0.5', '--beta', '1', '--seed', '0']

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data-root', default='../shared/data'); p.add_argument('--json', default='bench/results/train_command_cpu.json')
    a = p.parse_args()
    runs = []
    for threads in (['--threads', '1'], []):
        with tempfile.TemporaryDirectory() as out:
            load = os.getloadavg()[0]
            t0 = time.perf_counter()
            r = subprocess.run([sys.executable, '-m', 'gerne_nb.cli', *COMMAND, '--data-root', a.data_root, '--out', out, '--quiet',
                                *threads], capture_output=True, text=True, check=True)
            wall = time.perf_counter() - t0
            rec = json.loads((Path(out) / 'results.jsonl').read_text().splitlines()[0])
        runs.append(dict(threads=rec['machine']['threads'], wall_s=round(wall, 1), load_before=round(load, 2),
                         final_test_gba=rec['final']['test']['gba']))
        print(f"threads {runs[-1]['threads']}: {wall:.1f} s wall (load average {load:.2f} before), "
              f"final test GBA {runs[-1]['final_test_gba']:.4f}")
    write_json(a.json, dict(machine=machine('cpu'), command='gerne-nb ' + ' '.join(COMMAND), runs=runs))

if __name__ == '__main__': main()
